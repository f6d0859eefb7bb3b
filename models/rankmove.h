#pragma once

namespace podium {

// One person's move on a board, as `rankings:update` carries it. Ranks are
// standard competition ranks (1, 2, 2, 4); 0 means "not on the board".
struct RankMove
{
    int previousRank = 0;
    int newRank = 0;
    double value = 0; // the mover's new value
};

// The rank, after `move`, of another entry that had `rank` and has `value`
// (its value did not change). Exact without knowing whether higher or lower
// is better: the mover's ranks say on which side of the entry it was before
// and is now, and only a tie needs the values.
int rankAfter(const RankMove &move, int rank, double value);

} // namespace podium
