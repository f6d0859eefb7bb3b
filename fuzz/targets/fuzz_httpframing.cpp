// HttpFraming (server/net/httpframing.h): where the requests of one HTTP/1.1
// connection begin and end, and which limit one breaks, from raw bytes.
//
// Input: byte 0 picks the body and head limits, byte 1 seeds how the rest
// is cut into reads; the rest is what a client sends on one connection.
//
// Invariants:
//  - the verdict, the phase, the request counts and the problem do not
//    depend on how the stream is split, nor on whether opaque body bytes are
//    fed or skipped;
//  - a verdict other than Continue is final: the phase is Done and later
//    bytes change nothing; a refusal names its problem, Continue none;
//  - at most one request is open at a time; opaque bytes exist only in a body.
#include "fuzzcheck.h"
#include "net/httpframing.h"

#include <cstdint>

using podium::HttpFraming;
using Verdict = HttpFraming::Verdict;
using Phase = HttpFraming::Phase;

namespace {

struct Outcome
{
    Verdict verdict;
    Phase phase;
    quint64 started;
    quint64 completed;
    QString problem;
};

Outcome outcomeOf(const HttpFraming &f)
{
    return {f.verdict(), f.phase(), f.requestsStarted(), f.requestsCompleted(), f.problem()};
}

void checkState(const HttpFraming &f)
{
    const Verdict v = f.verdict();
    FUZZ_CHECK((v == Verdict::Continue) == (f.phase() != Phase::Done), "verdict %d in phase %d", int(v),
               int(f.phase()));
    const bool refused = v == Verdict::Malformed || v == Verdict::HeadTooLarge || v == Verdict::BodyTooLarge;
    FUZZ_CHECK(refused == !f.problem().isEmpty(), "verdict %d with problem '%s'", int(v), qPrintable(f.problem()));
    FUZZ_CHECK(f.requestsCompleted() <= f.requestsStarted() && f.requestsStarted() - f.requestsCompleted() <= 1,
               "%llu requests started, %llu completed", f.requestsStarted(), f.requestsCompleted());
    FUZZ_CHECK(f.opaqueBytes() >= 0, "%lld opaque bytes", f.opaqueBytes());
    if (f.opaqueBytes() > 0)
        FUZZ_CHECK(f.phase() == Phase::Body, "opaque bytes in phase %d", int(f.phase()));
    if (f.phase() == Phase::Idle)
        FUZZ_CHECK(f.requestsCompleted() == f.requestsStarted(), "idle with a request open");
}

void checkSame(const Outcome &a, const Outcome &b, const char *how)
{
    FUZZ_CHECK(a.verdict == b.verdict, "%s: verdict %d, whole %d", how, int(a.verdict), int(b.verdict));
    FUZZ_CHECK(a.phase == b.phase, "%s: phase %d, whole %d", how, int(a.phase), int(b.phase));
    FUZZ_CHECK(a.started == b.started && a.completed == b.completed, "%s: %llu/%llu requests, whole %llu/%llu", how,
               a.started, a.completed, b.started, b.completed);
    FUZZ_CHECK(a.problem == b.problem, "%s: problem '%s', whole '%s'", how, qPrintable(a.problem),
               qPrintable(b.problem));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static constexpr qint64 kBodies[] = {0, 1, 16, 1024, 1 << 20};
    static constexpr qint64 kHeads[] = {16, 256, 4096, 32 * 1024};
    HttpFraming::Limits limits;
    limits.maxBody = kBodies[data[0] % 5];
    limits.maxHead = kHeads[(data[0] / 5) % 4];
    const char *stream = reinterpret_cast<const char *>(data + 2);
    const qsizetype length = qsizetype(size - 2);

    HttpFraming whole(limits);
    whole.feed(stream, length);
    checkState(whole);
    const Outcome expected = outcomeOf(whole);
    if (whole.verdict() != Verdict::Continue) {
        // Final: more bytes change nothing.
        whole.feed(stream, length);
        checkSame(outcomeOf(whole), expected, "fed again after the verdict");
    }

    // The same stream in reads of 1 to 64 bytes; in the second pass, body
    // bytes the tracker calls opaque are skipped instead of fed.
    for (const bool skipping : {false, true}) {
        HttpFraming pieces(limits);
        quint32 cut = data[1] | 1u;
        for (qsizetype at = 0; at < length;) {
            cut = cut * 1103515245u + 12345u;
            qsizetype n = std::min<qsizetype>(length - at, 1 + (cut >> 16) % 64);
            if (skipping && pieces.opaqueBytes() > 0) {
                n = qsizetype(std::min<qint64>(n, pieces.opaqueBytes()));
                pieces.skip(n);
            } else {
                pieces.feed(stream + at, n);
            }
            checkState(pieces);
            at += n;
        }
        checkSame(outcomeOf(pieces), expected, skipping ? "split, opaque bytes skipped" : "split");
    }
    return 0;
}
