#pragma once

// Waiting for a Qt Quick scene to come to rest before a screenshot: every
// finite animation, transition and Behavior in the window has finished.
// Animations that loop forever (a ticker, a pulsing badge) never finish and
// are not waited for.
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QStringList>
#include <QTest>

namespace podium::testing {

// What is still moving under `root`, one line each (empty when at rest).
inline QStringList movingParts(QObject *root)
{
    QStringList moving;
    const auto describe = [](QObject *o) {
        const QString name = o->objectName().isEmpty() ? QString() : QStringLiteral(" '%1'").arg(o->objectName());
        return QString::fromLatin1(o->metaObject()->className()) + name;
    };
    // Delegates a view creates need not be QObject children of the window:
    // the visual tree is walked too.
    QSet<QObject *> all;
    QList<QObject *> roots {root};
    if (auto *window = qobject_cast<QQuickWindow *>(root))
        roots.append(window->contentItem());
    for (qsizetype i = 0; i < roots.size(); ++i) {
        QObject *r = roots.at(i);
        for (QObject *o : r->findChildren<QObject *>())
            all.insert(o);
        if (auto *item = qobject_cast<QQuickItem *>(r)) {
            for (QQuickItem *child : item->childItems())
                roots.append(child);
        }
    }
    for (QObject *o : std::as_const(all)) {
        if (o->inherits("QQuickAbstractAnimation")) {
            // Animations inside a group or a Behavior are driven by it; a
            // running one of its own counts unless it repeats for ever.
            if (o->property("running").toBool() && o->property("loops").toInt() > 0)
                moving.append(describe(o));
        } else if (o->inherits("QQuickTransition")) {
            if (o->property("running").toBool())
                moving.append(describe(o));
        } else if (o->inherits("QQuickBehavior")) {
            // A Behavior is done once its property has reached the value it
            // animates to.
            const QVariant target = o->property("targetValue");
            const auto property = o->property("targetProperty").value<QQmlProperty>();
            if (target.isValid() && property.isValid() && property.read() != target)
                moving.append(describe(o) + QStringLiteral(" on ") + property.name());
        }
    }
    return moving;
}

// Waits until nothing in `window` moves; on time-out `moving` says what did.
inline bool waitUntilSettled(QQuickWindow *window, int timeoutMs, QStringList *moving = nullptr)
{
    QStringList last;
    const bool settled = QTest::qWaitFor(
            [&] {
                last = movingParts(window);
                return last.isEmpty();
            },
            timeoutMs);
    if (moving)
        *moving = last;
    return settled;
}

} // namespace podium::testing
