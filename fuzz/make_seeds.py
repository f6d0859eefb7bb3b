#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ (valid inputs and edge
cases, a few dozen per target). Run it again after changing the seeds; the
files it writes are committed."""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# --- fuzz_wsreader: [limit selector][split seed] + client frames -----------
MASK = b'\x37\xfa\x21\x3d'


def frame(opcode, payload=b'', fin=True, mask=MASK, rsv=0, length=None):
    b0 = (0x80 if fin else 0) | rsv | opcode
    n = len(payload) if length is None else length
    if n < 126:
        head = bytes([b0, 0x80 | n])
    elif n < 65536:
        head = bytes([b0, 0x80 | 126]) + struct.pack('>H', n)
    else:
        head = bytes([b0, 0x80 | 127]) + struct.pack('>Q', n)
    if mask is None:
        head = bytes([head[0], head[1] & 0x7F]) + head[2:]
        return head + payload
    masked = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
    return head + mask + masked


def ws(name, stream, limit=6, seed=7):
    write('fuzz_wsreader', name, bytes([limit, seed]) + stream)


ws('text', frame(1, b'{"type":"resume","since":0,"rooms":["tv-display"]}'))
ws('text-empty', frame(1))
ws('binary', frame(2, bytes(range(40))))
ws('ping', frame(9, b'hello'))
ws('pong', frame(10))
ws('close-none', frame(8))
ws('close-1000', frame(8, struct.pack('>H', 1000) + b'bye'))
ws('close-1001', frame(8, struct.pack('>H', 1001)))
ws('close-3000', frame(8, struct.pack('>H', 3000)))
ws('close-1005-invalid', frame(8, struct.pack('>H', 1005)))
ws('close-one-byte', frame(8, b'\x03'))
ws('close-bad-utf8', frame(8, struct.pack('>H', 1000) + b'\xc3\x28'))
ws('fragmented', frame(1, b'{"type":', fin=False) + frame(9, b'p') + frame(0, b'"ping"}'))
ws('fragmented-3', frame(2, b'a', fin=False) + frame(0, b'b', fin=False) + frame(0, b'c'))
ws('continuation-alone', frame(0, b'x'))
ws('new-inside-fragment', frame(1, b'a', fin=False) + frame(1, b'b'))
ws('unmasked', frame(1, b'hi', mask=None))
ws('rsv1', frame(1, b'hi', rsv=0x40))
ws('opcode-3', frame(3, b'x'))
ws('opcode-b', frame(0xB, b'x'))
ws('control-fragmented', frame(9, b'x', fin=False))
ws('control-126', frame(9, b'x' * 126))
ws('len16', frame(1, b'a' * 300))
ws('len16-limit-126', frame(1, b'a' * 126), limit=4)
ws('len64', frame(2, b'b' * 70000), limit=9)
ws('len64-huge', frame(2, b'', length=(1 << 62)))
ws('len64-topbit', bytes([0x82, 0xFF]) + b'\x80' + b'\x00' * 7 + MASK)
ws('too-big', frame(1, b'x' * 2000), limit=6)
ws('too-big-fragments', frame(1, b'x' * 600, fin=False) + frame(0, b'y' * 600), limit=6)
ws('limit-0', frame(1, b''), limit=0)
ws('limit-1', frame(1, b'a') + frame(1, b'ab'), limit=1)
ws('utf8-valid', frame(1, 'Zoë 🏆 Ünïcode'.encode()))
ws('utf8-invalid', frame(1, b'\xff\xfe'))
ws('utf8-split-across-fragments', frame(1, '🏆'.encode()[:2], fin=False) + frame(0, '🏆'.encode()[2:]))
ws('utf8-overlong', frame(1, b'\xc0\xaf'))
ws('utf8-surrogate', frame(1, b'\xed\xa0\x80'))
ws('many-small', b''.join(frame(1, b'{"type":"ping"}') for _ in range(20)), seed=1)
ws('partial-header', frame(1, b'x' * 300)[:3])
ws('partial-payload', frame(1, b'x' * 100)[:50])
ws('zero-mask', frame(1, b'plain', mask=b'\0\0\0\0'))

# --- fuzz_socketio: an Engine.IO payload (packets joined by U+001E) --------
RS = '\x1e'
sio = {
    'connect': '40',
    'connect-nsp': '40/leaderboard,',
    'connect-auth': '40/training,{"token":"abc"}',
    'connect-unknown-nsp': '40/nope,',
    'disconnect': '41/leaderboard,',
    'event-join-tv': '42/leaderboard,["join:tv-display"]',
    'event-join-team': '42/leaderboard,["join:team",3]',
    'event-join-team-string': '42/leaderboard,["join:team","3"]',
    'event-join-user-ack': '42/leaderboard,17["join:user",7]',
    'event-join-contest': '42["join:contest",12]',
    'event-join-leaderboard': '42["join:leaderboard","revenue"]',
    'event-join-session': '42/training,5["join:session",2]',
    'event-join-feed': '42["join:feed"]',
    'event-join-room': '42["join","admin"]',
    'event-leave-room': '421["leave","tv-display"]',
    'event-join-float': '42["join:team",3.5]',
    'event-join-huge': '42["join:team",1e300]',
    'event-join-negative': '42["join:team",-4]',
    'event-unknown-ack': '429["dance",{}]',
    'event-empty': '42[]',
    'event-not-array': '42{"a":1}',
    'ack': '43/leaderboard,5[{"ok":true}]',
    'connect-error': '44{"message":"x"}',
    'binary-event': '451-["x",{"_placeholder":true,"num":0}]',
    'binary-ack': '461-/leaderboard,3[{"_placeholder":true,"num":0}]',
    'ack-15-digits': '42123456789012345["join","tv-display"]',
    'ack-16-digits': '421234567890123456["join","tv-display"]',
    'ack-arabic-digits': '42\u0663["join","tv-display"]',
    'nsp-without-comma': '40/leaderboard',
    'nsp-only-slash': '40/,',
    'type-7': '47',
    'bad-json': '42["join"',
    'scalar-json': '4242',
    'ping': '2',
    'pong': '3',
    'close': '1',
    'noop': '6',
    'upgrade': '5',
    'probe': '2probe',
    'payload-many': RS.join(['40/leaderboard,', '42/leaderboard,["join:tv-display"]', '3', '42["join:team",1]']),
    'payload-empty-packet': '3' + RS + RS + '3',
    'payload-trailing-rs': '40' + RS,
    'room-unicode': '42["join","leaderboard:umsätze"]',
    'room-long': '42["join","leaderboard:' + 'x' * 200 + '"]',
    'room-user-zero': '42["join","user:0"]',
    'room-team-overflow': '42["join","team:99999999999999999999"]',
}
for name, text in sio.items():
    write('fuzz_socketio', name, text)

# --- fuzz_engine: records "<route><caller><json>" separated by newlines ----
# The route byte minus '0' indexes HttpApi::routes() modulo its length;
# these seeds use the indexes of today's table, and '~' for time passing.
R = {
    'health': 0, 'teams': 1, 'createTeam': 2, 'updateTeam': 3, 'people': 4, 'createPerson': 5, 'getPerson': 6,
    'updatePerson': 7, 'notifications': 8, 'awardBadge': 9, 'activities': 10, 'getActivity': 11,
    'voidActivity': 12, 'leaderboard': 13, 'events': 14, 'metrics': 15, 'upsertMetric': 16, 'rules': 17,
    'createRule': 18, 'updateRule': 19, 'deleteRule': 20, 'badges': 21, 'upsertBadge': 22, 'settings': 23,
    'updateSettings': 24, 'contests': 25, 'createContest': 26, 'getContest': 27, 'startContest': 28,
    'endContest': 29, 'payout': 30, 'readNotification': 31, 'announcements': 32, 'createAnnouncement': 33,
    'sessions': 34, 'startSession': 35, 'sessionProgress': 36, 'endSession': 37, 'tokens': 38,
    'createToken': 39, 'revokeToken': 40, 'broadcast': 41,
}
ADMIN, INTEGRATION, DISPLAY, PERSON, ANON = '0', '1', '2', '3', '4'


def op(route, who=ADMIN, body=''):
    return chr(ord('0') + R[route]) + who + body


def engine(name, *records):
    write('fuzz_engine', name, '\n'.join(records))


person = op('createPerson', INTEGRATION, '{"name":"Ada Lovelace","team":"North"}')
engine('person', person)
engine('person-and-activity', person,
       op('activities', INTEGRATION, '{"person":1,"metric":"revenue","delta":12500,"key":"crm-4711"}'),
       op('activities', INTEGRATION, '{"person":1,"metric":"revenue","delta":12500,"key":"crm-4711"}'),
       op('leaderboard', ANON, '{"_arg":"revenue","_query":"period=month"}'))
engine('batch', person, op('createPerson', ADMIN, '{"name":"Alan","team":"South","email":"alan@example.org"}'),
       op('activities', INTEGRATION,
          '{"activities":[{"person":1,"metric":"revenue","delta":900},{"person":2,"metric":"calls","delta":3},'
          '{"person":99,"metric":"revenue","delta":1},{"person":1,"metric":"nope","delta":1}]}'))
engine('batch-not-array', op('activities', ADMIN, '{"activities":{}}'))
engine('activity-bad', person, op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":1e400}'),
       op('activities', ADMIN, '{"person":"1","metric":"revenue","delta":"x"}'),
       op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":5,"at":"2026-11-18T14:00:00Z"}'),
       op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":5,"at":"not a time"}'))
engine('activity-void', person, op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":5}'),
       op('voidActivity', ADMIN, '{"_arg":1}'), op('voidActivity', ADMIN, '{"_arg":1}'),
       op('getActivity', ANON, '{"_arg":1}'))
engine('update-person', person, op('updatePerson', ADMIN, '{"_arg":1,"name":"Ada L.","team":"West","active":false}'),
       op('updatePerson', ADMIN, '{"_arg":7,"name":"x"}'), op('getPerson', ANON, '{"_arg":1}'))
engine('teams', op('createTeam', ADMIN, '{"name":"North","color":"#ff0000"}'),
       op('createTeam', ADMIN, '{"name":"North"}'), op('updateTeam', ADMIN, '{"_arg":1,"name":"South","color":"red"}'),
       op('teams', ANON))
engine('metric', op('upsertMetric', ADMIN, '{"key":"wpm","label":"Words per minute","unit":"count",'
                                            '"aggregation":"best","higherIsBetter":true,"periods":["day","all"]}'),
       op('upsertMetric', ADMIN, '{"key":"","aggregation":"median"}'), op('metrics', ANON))
engine('rule', op('createRule', ADMIN, '{"metric":"revenue","period":"day","threshold":1000,"name":"First grand",'
                                       '"rarity":"rare"}'),
       op('createRule', ADMIN, '{"type":"rank","metric":"revenue","rank":1}'),
       op('updateRule', ADMIN, '{"_arg":1,"threshold":-5}'), op('deleteRule', ADMIN, '{"_arg":1}'), op('rules', ANON))
engine('badge', person, op('upsertBadge', ADMIN, '{"key":"closer","name":"Closer","rarity":"epic"}'),
       op('awardBadge', ADMIN, '{"_arg":1,"badge":"closer","reason":"deal"}'),
       op('awardBadge', ADMIN, '{"_arg":1,"badge":"nope"}'), op('badges', ANON))
engine('settings', op('updateSettings', ADMIN, '{"xpMetric":"revenue","significantRankMove":2,"timezone":"UTC"}'),
       op('updateSettings', ADMIN, '{"levels":{"base":100,"growth":1.5},"tiers":[{"name":"Gold","level":10}]}'),
       op('settings', ANON))
engine('contest', person,
       op('createContest', ADMIN, '{"name":"November push","metric":"revenue","startsAt":"2026-11-18T16:00:00Z",'
                                  '"endsAt":"2026-11-19T16:00:00Z","prizes":["trophy"]}'),
       '~0{"_seconds":3601}',
       op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":50}'),
       op('getContest', ANON, '{"_arg":1}'), '~0{"_seconds":90000}',
       op('payout', ADMIN, '{"_arg":1,"person":1,"amount":100}'), op('contests', ANON))
engine('contest-manual', op('createContest', ADMIN, '{"name":"Team sprint","metric":"revenue","teams":true,'
                                                    '"startsAt":"2026-11-20T00:00:00Z","endsAt":"2026-11-21T00:00:00Z"}'),
       op('startContest', ADMIN, '{"_arg":1}'), op('startContest', ADMIN, '{"_arg":1}'),
       op('endContest', ADMIN, '{"_arg":1}'), op('endContest', ADMIN, '{"_arg":1}'))
engine('contest-bad', op('createContest', ADMIN, '{"name":"x","metric":"revenue","startsAt":"2026-11-21T00:00:00Z",'
                                                 '"endsAt":"2026-11-20T00:00:00Z"}'),
       op('createContest', ADMIN, '{"name":"","metric":"nope"}'))
engine('announcement', op('createAnnouncement', ADMIN, '{"text":"Pizza at 5","level":"info","durationSeconds":60}'),
       op('announcements', ANON))
engine('session', person, op('startSession', PERSON, '{"person":1,"kind":"typing","title":"Round 1"}'),
       op('sessionProgress', PERSON, '{"_arg":1,"progress":0.5,"wpm":80}'),
       op('endSession', PERSON, '{"_arg":1,"score":91}'), op('sessions', ANON))
engine('session-other', person, op('startSession', ADMIN, '{"person":1}'),
       op('sessionProgress', DISPLAY, '{"_arg":1,"progress":2}'), op('endSession', INTEGRATION, '{"_arg":1}'))
engine('notifications', person, op('notifications', PERSON, '{"_arg":1,"_query":"unread=1&limit=10"}'),
       op('readNotification', PERSON, '{"_arg":1}'))
engine('tokens', person, op('createToken', ADMIN, '{"kind":"display","name":"Lobby TV"}'),
       op('createToken', ADMIN, '{"kind":"person","person":1}'), op('createToken', ADMIN, '{"kind":"root"}'),
       op('revokeToken', ADMIN, '{"_arg":2}'), op('tokens', ADMIN))
engine('broadcast', op('broadcast', ADMIN, '{"room":"tv-display","event":"confetti","data":{"x":1}}'),
       op('broadcast', ADMIN, '{"room":"no spaces allowed","event":"x"}'),
       op('broadcast', ADMIN, '{"room":"tv-display","event":"x","data":[1]}'))
engine('events', op('broadcast', ADMIN, '{"room":"tv-display","event":"a"}'),
       op('events', ANON, '{"_query":"since=0&limit=5&rooms=tv-display,activity:feed"}'),
       op('events', ANON, '{"_query":"since=-1"}'), op('events', ANON, '{"_query":"limit=99999999999999999999"}'))
engine('reads', op('health', ANON), op('people', ANON), op('metrics', ANON), op('rules', ANON),
       op('badges', ANON), op('settings', ANON), op('contests', ANON), op('sessions', ANON),
       op('announcements', ANON), op('leaderboard', ANON, '{"_arg":"calls","_query":"period=all&scope=teams"}'))
engine('milestones', person, *[op('activities', INTEGRATION, '{"person":1,"metric":"revenue","delta":%d}' % d)
                               for d in (10, 100, 1000, 10000, 100000)])
engine('time', person, op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":5}'),
       '~0{"_seconds":86400}', op('activities', ADMIN, '{"person":1,"metric":"revenue","delta":5}'),
       '~0{"_seconds":604800}', op('leaderboard', ANON, '{"_arg":"revenue","_query":"period=week"}'))

# --- fuzz_csvimport: [kind: odd = people] + the file ------------------------
csvs = {
    'people': (1, 'name,team,color,email,externalId\nGrace Hopper,Navy,#112233,grace@example.org,crm-9\n'),
    'people-min': (1, 'name,team\nLin,North\n'),
    'people-dup': (1, 'name,team\nLin,North\nlin,South\n'),
    'people-existing': (1, 'name,team,email\nNew,North,ADA@example.org\n'),
    'people-bad-color': (1, 'name,team,color\nA,B,red\n'),
    'people-bad-email': (1, 'name,team,email\nA,B,nope\n'),
    'people-missing-team': (1, 'name\nA\n'),
    'people-unknown-column': (1, 'name,team,shoe\nA,B,42\n'),
    'people-twice': (1, 'name,team,Name\nA,B,C\n'),
    'people-quoted': (1, 'name,team\n"Hopper, Grace","Navy ""Blue"""\n'),
    'people-multiline': (1, 'name,team\n"Grace\nHopper",Navy\nAda,North\n'),
    'people-crlf': (1, 'name,team\r\nA,B\r\n\r\nC,D\r\n'),
    'people-unclosed': (1, 'name,team\nA,B\n"C,D\nE,F\n'),
    'activities': (0, 'person,metric,amount,at,key,source\n1,revenue,100,2026-11-18T10:00:00Z,k1,crm\n'),
    'activities-min': (0, 'person,metric,amount\n1,revenue,5\n'),
    'activities-delta': (0, 'person,metric,delta\ncrm-1,revenue,5\n'),
    'activities-value': (0, 'person,metric,value\nalan@example.org,wpm,87.5\n'),
    'activities-name': (0, 'person,metric,amount\nAlan Turing,nps,9\n'),
    'activities-ambiguous': (0, 'person,metric,amount\nann,revenue,1\n'),
    'activities-unknown': (0, 'person,metric,amount\nzed,revenue,1\n1,nope,1\n'),
    'activities-nan': (0, 'person,metric,amount\n1,revenue,nan\n1,revenue,inf\n1,revenue,1e999\n'),
    'activities-bad-at': (0, 'person,metric,amount,at\n1,revenue,1,yesterday\n'),
    'activities-dup-key': (0, 'person,metric,amount,key\n1,revenue,1,a\n1,revenue,2,a\n'),
    'activities-columns': (0, 'person,metric,amount\n1,revenue\n1,revenue,1,extra\n'),
    'activities-formula': (0, 'person,metric,amount,source\n1,revenue,1,=HYPERLINK("x")\n'),
    'activities-spaces': (0, 'person , metric , amount\n 1 , revenue , 2 \n'),
    'empty': (0, ''),
    'blank-lines': (0, '\n\n\n'),
    'header-only': (0, 'person,metric,amount\n'),
    'quote-mid-cell': (0, 'person,metric,amount\n1,rev"enue,1\n'),
    'quote-after-space': (1, 'name,team\n  "A",B\n'),
    'unicode': (1, 'name,team\nZoë Ünïcode 🏆,Nörd\n'),
    'bom': (1, '\ufeffname,team\nA,B\n'),
}
for name, (kind, text) in csvs.items():
    write('fuzz_csvimport', name, bytes([kind]) + text.encode('utf-8'))

# --- fuzz_httpframing: [limits selector][split seed] + one connection's bytes
# Limits selector: body = [0, 1, 16, 1024, 1 MiB][b % 5], head =
# [16, 256, 4096, 32 KiB][(b // 5) % 4]; 19 is 1 MiB body and 32 KiB head.
def http(name, stream, limits=19, seed=5):
    write('fuzz_httpframing', name, bytes([limits, seed]) + stream.encode('latin-1'))


AUTH = 'Authorization: Bearer change-me-long-random-token\r\n'
JSON = 'Content-Type: application/json\r\n'
body = '{"person":1,"metric":"revenue","delta":5}'
http('get', 'GET /api/health HTTP/1.1\r\nHost: localhost:5000\r\n\r\n')
http('get-bare-lf', 'GET /api/health HTTP/1.1\nHost: x\n\n')
http('get-http10', 'GET / HTTP/1.0\r\n\r\n')
http('post', 'POST /api/activities HTTP/1.1\r\nHost: x\r\n' + AUTH + JSON
     + 'Content-Length: %d\r\n\r\n%s' % (len(body), body))
http('post-pipelined', ('POST /api/activities HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s' % (len(body), body)) * 3
     + 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n')
http('post-chunked', 'POST /api/activities HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n'
     '5\r\n{"per\r\n24;ext=1\r\nson":1,"metric":"revenue","delta":5}\r\n0\r\n\r\n')
http('post-chunked-trailer', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Trailer: 1\r\n\r\n')
http('chunked-and-length', 'POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n')
http('chunked-lf-only', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\nx\n0\n\n')
http('chunked-huge-size', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n')
http('chunked-bad-size', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')
http('length-twice', 'POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc')
http('length-differs', 'POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd')
http('length-negative', 'POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n')
http('length-plus', 'POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc')
http('length-huge', 'POST / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n')
http('length-over-limit', 'POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n')
http('length-list', 'POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc')
http('body-limit-16', 'POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n' + 'x' * 17, limits=17)
http('head-limit-256', 'GET / HTTP/1.1\r\n' + 'X-Pad: ' + 'a' * 300 + '\r\n\r\n', limits=5)
http('head-limit-16', 'GET /a/long/path HTTP/1.1\r\n\r\n', limits=0)
http('many-fields', 'GET / HTTP/1.1\r\n' + ''.join('X-%d: 1\r\n' % i for i in range(101)) + '\r\n')
http('long-field', 'GET / HTTP/1.1\r\nX-Long: ' + 'b' * 8200 + '\r\n\r\n')
http('folded', 'GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n')
http('nameless', 'GET / HTTP/1.1\r\n: value\r\n\r\n')
http('no-colon', 'GET / HTTP/1.1\r\nnocolon\r\n\r\n')
http('space-before-colon', 'POST / HTTP/1.1\r\nContent-Length : 3\r\n\r\nabc')
http('leading-crlf', '\r\n\r\nGET / HTTP/1.1\r\n\r\n')
http('websocket', 'GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n'
     'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x4d\x58')
http('websocket-keepalive-upgrade', 'GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n\r\n')
http('upgrade-twice', 'GET /ws HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\nUpgrade: h2c\r\n\r\n')
http('socketio-poll', 'POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nContent-Length: 2\r\n\r\n40')
http('expect-continue', 'POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}')
http('incomplete-head', 'POST /api/activities HTTP/1.1\r\nContent-Len')
http('incomplete-body', 'POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc')
http('nul-in-head', 'GET /\x00 HTTP/1.1\r\n\r\n')
http('high-bytes', 'GET /\xff\xfe HTTP/1.1\r\nX: \xe9\r\n\r\n')
