#include "rankmove.h"

namespace podium {

int rankAfter(const RankMove &move, int rank, double value)
{
    // A rank is 1 + the number of entries strictly better. Without the mover,
    // `others` entries are better than this one; the mover adds one if it is
    // better now.
    const bool moverWasBetter = move.previousRank > 0 && move.previousRank < rank;
    const int others = rank - 1 - (moverWasBetter ? 1 : 0);
    if (move.newRank <= 0)
        return 1 + others;
    // The newRank - 1 entries better than the mover are everything better
    // than some entry, so this entry is among them exactly when fewer than
    // newRank - 1 entries beat it.
    const bool entryIsBetter = others < move.newRank - 1;
    const bool moverIsBetter = !entryIsBetter && value != move.value;
    return 1 + others + (moverIsBetter ? 1 : 0);
}

} // namespace podium
