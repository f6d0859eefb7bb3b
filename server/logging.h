#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcHub)
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
Q_DECLARE_LOGGING_CATEGORY(lcSio)

namespace podium::logging {

// How log lines leave the process: to a terminal or file as Qt formats them
// (QT_MESSAGE_PATTERN applies), or to the systemd journal, which stamps
// lines itself and reads a `<N>` syslog priority at their start.
enum class Sink { Terminal, Journal };

// The journal, when stderr is the stream systemd connected: JOURNAL_STREAM
// ("DEV:INODE") names the same device and inode as file descriptor 2. A
// child that inherited the variable but not the stream is a terminal.
Sink detectSink();
// The syslog priority sd-daemon(3) prefixes carry for a Qt message type.
int syslogPriority(QtMsgType type);
// One message as the lines the sink wants, newline-terminated.
QByteArray formatLines(Sink sink, QtMsgType type, const QMessageLogContext &context, const QString &message);
// "debug", "info", "warning" or "error" → the least severe type logged.
bool parseLevel(const QString &text, QtMsgType *level);
// Logs messages of `level` and above (QT_LOGGING_RULES still has the last
// word) to stderr through formatLines().
void install(QtMsgType level, Sink sink);

} // namespace podium::logging
