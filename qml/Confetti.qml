import QtQuick
import QtQuick.Particles

// A burst of confetti from the top edge. `amount` and `palette` come from the
// celebration's rarity; burst() starts one shower.
Item {
    id: confetti
    property var palette: ["#FFD34D", "#FF5C7A", "#3DA9FF", "#2EE6A0", "#C05CFF"]
    property int amount: 300
    property int lifeMs: 5200
    property bool sparkle: false

    function burst() {
        for (const shower of [shower0, shower1, shower2, shower3, shower4])
            shower.pulse(1400)
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
        y: -20 * Theme.u
        width: confetti.width
        height: 10 * Theme.u
        emitRate: confetti.amount / 5
        lifeSpan: confetti.lifeMs
        lifeSpanVariation: 800
        size: 17 * Theme.u
        sizeVariation: 6 * Theme.u
        velocity: AngleDirection { angle: 90; angleVariation: 25; magnitude: 380 * Theme.u; magnitudeVariation: 200 * Theme.u }
        acceleration: PointDirection { y: 160 * Theme.u; xVariation: 90 * Theme.u }
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
        color: "#FFE89A"
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
        lifeSpan: 1400
        lifeSpanVariation: 600
        size: 26 * Theme.u
        sizeVariation: 16 * Theme.u
        velocity: AngleDirection { angleVariation: 360; magnitude: 60 * Theme.u; magnitudeVariation: 40 * Theme.u }
    }
}
