import QtQuick
import QtQuick.Particles
import Podium.Style

// A burst of confetti from the top edge. `amount` and `palette` come from the
// celebration's rarity; burst() starts one shower.
//
// Why the budget is small and fixed: each colour is one geometry node of
// (pieces alive at once) × 4 vertices, by far the largest on the wall. Qt
// Quick's renderer (6.4) recycles its batches with their vertex and index
// buffers and only ever grows them, so over hours every pooled buffer drifts
// up to the size of the largest geometry it has carried: a big shower made
// the wall's memory creep for as long as it ran. So the emitters' rate, life
// span and cap stay the same whatever the rarity (changing them also rebuilds
// the geometry), and `amount` sets how long the shower runs instead.
Item {
    id: confetti
    property var palette: Style.celebrationColours("common")
    property int amount: 300
    property bool sparkle: false

    // The biggest shower (legendary, 520 pieces) runs 1.4 s at this rate.
    readonly property int maxAmount: 520
    readonly property real rate: maxAmount / 5
    // Long enough for the slowest piece to fall past the bottom edge (about
    // 2.8 s at the lowest speed), no longer: a piece off screen still costs
    // vertices in every frame.
    readonly property int lifeMs: 3200
    // Pieces alive at once per colour: one full shower (rate × 1.4 s) fits.
    // This is also the size of each colour's geometry, the largest the wall
    // draws; keeping it small keeps every renderer buffer small.
    readonly property int perColour: Math.ceil(rate * 1.4)

    function burst() {
        const ms = Math.max(200, Math.round(1400 * Math.min(amount, maxAmount) / maxAmount))
        for (const shower of [shower0, shower1, shower2, shower3, shower4])
            shower.pulse(ms)
        if (sparkle)
            sparks.pulse(2500)
    }

    // Named apart from the `system` property of painters and emitters, which
    // would otherwise bind to themselves.
    ParticleSystem { id: particles }

    // One emitter and one particle group per colour: ImageParticle tints a
    // whole group, and separate groups keep the colours crisp. They are
    // declared, not repeated: the particle system wires its groups up when it
    // is built, and the palette only recolours them.
    component Paint: ImageParticle {
        property int slot
        system: particles
        groups: ["c" + slot]
        source: "qrc:/Podium/Wall/images/confetti.png"
        color: confetti.palette[slot % confetti.palette.length]
        colorVariation: 0.08
        rotationVariation: 180
        rotationVelocityVariation: 360
        entryEffect: ImageParticle.None
    }
    component Shower: Emitter {
        property int slot
        system: particles
        group: "c" + slot
        enabled: false
        x: 0
        y: -20 * Style.u
        width: confetti.width
        height: 10 * Style.u
        emitRate: confetti.rate
        maximumEmitted: confetti.perColour
        lifeSpan: confetti.lifeMs
        lifeSpanVariation: 400
        size: 17 * Style.u
        sizeVariation: 6 * Style.u
        velocity: AngleDirection { angle: 90; angleVariation: 25; magnitude: 380 * Style.u; magnitudeVariation: 200 * Style.u }
        acceleration: PointDirection { y: 160 * Style.u; xVariation: 90 * Style.u }
    }
    Paint { slot: 0 }
    Paint { slot: 1 }
    Paint { slot: 2 }
    Paint { slot: 3 }
    Paint { slot: 4 }
    Shower { id: shower0; slot: 0 }
    Shower { id: shower1; slot: 1 }
    Shower { id: shower2; slot: 2 }
    Shower { id: shower3; slot: 3 }
    Shower { id: shower4; slot: 4 }

    ImageParticle {
        system: particles
        groups: ["spark"]
        source: "qrc:/Podium/Wall/images/spark.png"
        color: Style.spark
        colorVariation: 0.1
        alpha: 0.9
    }
    Emitter {
        id: sparks
        system: particles
        group: "spark"
        enabled: false
        anchors.centerIn: parent
        width: parent.width * 0.5
        height: parent.height * 0.5
        emitRate: 220
        maximumEmitted: 240
        lifeSpan: 1400
        lifeSpanVariation: 600
        size: 26 * Style.u
        sizeVariation: 16 * Style.u
        velocity: AngleDirection { angleVariation: 360; magnitude: 60 * Style.u; magnitudeVariation: 40 * Style.u }
    }
}
