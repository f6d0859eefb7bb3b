#pragma once

#include <QDate>

namespace podium {

// A person's run of consecutive active days (in the office's time zone).
struct Streak
{
    int current = 0;
    int best = 0;
    QDate last; // the last active day; invalid before the first activity
    QDate started; // the first day of the current run
};

} // namespace podium
