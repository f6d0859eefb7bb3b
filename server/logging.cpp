#include "logging.h"

#include <cstdio>
#include <sys/stat.h>

Q_LOGGING_CATEGORY(lcStore, "podium.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "podium.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "podium.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHub, "podium.hub", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "podium.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSio, "podium.sio", QtInfoMsg)

namespace podium::logging {

namespace {

Sink g_sink = Sink::Terminal;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray lines = formatLines(g_sink, type, context, message);
    std::fwrite(lines.constData(), 1, size_t(lines.size()), stderr);
    std::fflush(stderr);
}

} // namespace

Sink detectSink()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    struct stat st = {};
    if (colon <= 0 || ::fstat(2, &st) != 0)
        return Sink::Terminal;
    bool devOk = false;
    bool inodeOk = false;
    const qulonglong dev = stream.left(colon).toULongLong(&devOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inodeOk);
    return devOk && inodeOk && dev == qulonglong(st.st_dev) && inode == qulonglong(st.st_ino) ? Sink::Journal
                                                                                              : Sink::Terminal;
}

int syslogPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7; // LOG_DEBUG
    case QtInfoMsg:
        return 6; // LOG_INFO
    case QtWarningMsg:
        return 4; // LOG_WARNING
    case QtCriticalMsg:
        return 3; // LOG_ERR
    case QtFatalMsg:
        return 2; // LOG_CRIT
    }
    return 6;
}

QByteArray formatLines(Sink sink, QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (sink == Sink::Terminal)
        return qFormatLogMessage(type, context, message).toLocal8Bit() + '\n';
    // The journal keeps one entry per line: each carries the priority.
    const QByteArray prefix = '<' + QByteArray::number(syslogPriority(type)) + '>';
    const QByteArray category = context.category && qstrcmp(context.category, "default") != 0
            ? QByteArray(context.category) + ": "
            : QByteArray();
    QByteArray out;
    for (const QString &line : message.split(QLatin1Char('\n')))
        out += prefix + category + line.toUtf8() + '\n';
    return out;
}

bool parseLevel(const QString &text, QtMsgType *level)
{
    static const std::pair<const char *, QtMsgType> levels[]
            = {{"debug", QtDebugMsg}, {"info", QtInfoMsg}, {"warning", QtWarningMsg}, {"error", QtCriticalMsg}};
    for (const auto &[name, type] : levels) {
        if (text == QLatin1String(name)) {
            *level = type;
            return true;
        }
    }
    return false;
}

void install(QtMsgType level, Sink sink)
{
    g_sink = sink;
    // Podium's categories log from info by default; Qt's own debug output
    // stays off even at debug.
    QString rules;
    if (level == QtDebugMsg)
        rules = QStringLiteral("podium.*.debug=true");
    if (level == QtWarningMsg || level == QtCriticalMsg)
        rules = QStringLiteral("*.debug=false\n*.info=false");
    if (level == QtCriticalMsg)
        rules += QStringLiteral("\n*.warning=false");
    QLoggingCategory::setFilterRules(rules);
    qInstallMessageHandler(handler);
}

} // namespace podium::logging
