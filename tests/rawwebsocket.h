#pragma once

// A deliberately badly behaved WebSocket client for hub tests: it speaks just
// enough of RFC 6455 to connect, send masked text frames and spot a close
// frame, and otherwise reads only when told to — so it can stop reading
// (slow consumer) or ignore pings (heartbeat timeout).
#include <QByteArray>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace podium::testing {

class RawWebSocket
{
public:
    // A small receive buffer makes "stopped reading" bite quickly.
    bool connect(quint16 port, int receiveBuffer = 0, const QByteArray &path = "/ws")
    {
        if (receiveBuffer > 0) {
            // SO_RCVBUF only sticks when set before connect(), which
            // QTcpSocket offers no hook for: connect by hand and adopt the fd.
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_port = htons(port);
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
                || !socket.setSocketDescriptor(fd))
                return false;
            // And QTcpSocket must not drain the kernel into its own buffer.
            socket.setReadBufferSize(receiveBuffer);
        } else {
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(5000))
                return false;
        }
        return upgrade(port, path).startsWith("HTTP/1.1 101");
    }

    // Sends the upgrade request — with `firstBytes` (frames, say) right
    // behind it in the same write, so in the same TCP segment — and returns
    // the server's reply head ("" if none came).
    QByteArray upgrade(quint16 port, const QByteArray &path = "/ws", const QByteArray &firstBytes = {},
                       const QByteArray &headers = {})
    {
        if (socket.state() != QAbstractSocket::ConnectedState) {
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(5000))
                return {};
        }
        QByteArray request = "GET " + path + " HTTP/1.1\r\n";
        if (!headers.contains("Host:"))
            request += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        request += headers
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                + firstBytes;
        socket.write(request);
        socket.flush();
        QByteArray head;
        while (!head.contains("\r\n\r\n")) {
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(5000))
                return {};
            head += socket.read(1); // byte by byte: leave any frame after the headers unread
            while (!head.contains("\r\n\r\n") && socket.bytesAvailable() > 0)
                head += socket.read(1);
        }
        return head;
    }

    void sendText(const QByteArray &payload) { sendFrame(0x81, payload); }

    // Any frame: `head` is the first byte (FIN, reserved bits, opcode);
    // client frames are masked unless told otherwise.
    void sendFrame(quint8 head, const QByteArray &payload, bool masked = true)
    {
        socket.write(frame(head, payload, masked));
        socket.flush();
    }

    static QByteArray frame(quint8 head, const QByteArray &payload, bool masked = true)
    {
        QByteArray frame;
        frame.append(char(head));
        const char maskBit = masked ? char(0x80) : char(0);
        if (payload.size() < 126) {
            frame.append(char(maskBit | payload.size()));
        } else {
            frame.append(char(maskBit | 126));
            frame.append(char((payload.size() >> 8) & 0xff));
            frame.append(char(payload.size() & 0xff));
        }
        if (masked) {
            const quint32 mask = QRandomGenerator::global()->generate();
            const char *m = reinterpret_cast<const char *>(&mask);
            frame.append(m, 4);
            for (int i = 0; i < payload.size(); ++i)
                frame.append(char(payload.at(i) ^ m[i % 4]));
        } else {
            frame.append(payload);
        }
        return frame;
    }

    // The next whole frame from the server within `waitMs`: its opcode (or
    // -1 if none came) and payload.
    int nextFrame(int waitMs, QByteArray *payload)
    {
        QDeadlineTimer deadline(waitMs);
        for (;;) {
            buffer += socket.readAll(); // may already hold bytes that came with the handshake
            if (buffer.size() >= 2) {
                qint64 len = buffer.at(1) & 0x7f;
                int header = 2;
                if (len == 126 && buffer.size() >= 4) {
                    len = (quint8(buffer.at(2)) << 8) | quint8(buffer.at(3));
                    header = 4;
                }
                // 64-bit lengths are not read here (no test sends such frames).
                if ((buffer.at(1) & 0x7f) < 127 && buffer.size() >= header + len) {
                    maskedFrames += (buffer.at(1) & 0x80) ? 1 : 0;
                    const int opcode = buffer.at(0) & 0x0f;
                    *payload = buffer.mid(header, len);
                    buffer.remove(0, int(header + len));
                    return opcode;
                }
            }
            if (deadline.hasExpired() || !socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
                return -1;
        }
    }

    // Reads whatever is there and returns the close code if a close frame
    // from the server has arrived (0 if none yet, -1 if the socket just died).
    int pollCloseCode(int waitMs)
    {
        if (receivedCloseCode)
            return receivedCloseCode;
        socket.waitForReadyRead(waitMs);
        buffer += socket.readAll();
        while (buffer.size() >= 2) {
            const int opcode = buffer.at(0) & 0x0f;
            qint64 len = buffer.at(1) & 0x7f;
            int header = 2;
            if (len == 126) {
                if (buffer.size() < 4)
                    break;
                len = (quint8(buffer.at(2)) << 8) | quint8(buffer.at(3));
                header = 4;
            } else if (len == 127) {
                if (buffer.size() < 10)
                    break;
                len = 0;
                for (int i = 2; i < 10; ++i)
                    len = (len << 8) | quint8(buffer.at(i));
                header = 10;
            }
            if (buffer.size() < header + len)
                break;
            maskedFrames += (buffer.at(1) & 0x80) ? 1 : 0;
            if (opcode == 0x8 && len >= 2)
                receivedCloseCode = (quint8(buffer.at(header)) << 8) | quint8(buffer.at(header + 1));
            buffer.remove(0, int(header + len));
            if (receivedCloseCode)
                return receivedCloseCode;
        }
        return socket.state() == QAbstractSocket::UnconnectedState ? -1 : 0;
    }

    QTcpSocket socket;
    QByteArray buffer;
    // Frames read from the server with the mask bit set: a server must never
    // mask (RFC 6455 §5.1), so this stays 0.
    int maskedFrames = 0;
    int receivedCloseCode = 0;
};

} // namespace podium::testing
