#include "optionsources.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

namespace podium {

namespace {

bool isBoolean(const QString &text)
{
    return text == QLatin1String("true") || text == QLatin1String("false");
}

} // namespace

void OptionSources::declare(const QList<QCommandLineOption> &options, const QStringList &lists)
{
    for (const QCommandLineOption &option : options) {
        const QString name = option.names().constFirst();
        Kind kind = option.valueName().isEmpty() ? Kind::Flag : Kind::Value;
        if (lists.contains(name))
            kind = Kind::List;
        m_declared.insert(name, {kind, option.defaultValues()});
        m_order << name;
    }
}

QString OptionSources::configFile(const QString &commandLine, const QProcessEnvironment &env, const QString &systemFile)
{
    if (!commandLine.isEmpty())
        return commandLine;
    const QString named = env.value(QStringLiteral("PODIUM_CONFIG"));
    if (!named.isEmpty())
        return named;
    return QFileInfo::exists(systemFile) ? systemFile : QString();
}

bool OptionSources::readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read the config file %1: %2").arg(path, file.errorString());
        return false;
    }
    // A list key replaces what lower layers said once, then accumulates.
    QHash<QString, Setting> read;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *error = QStringLiteral("%1: expected 'key = value', not '%2'").arg(where, line);
            return false;
        }
        const QString key = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        const auto declared = m_declared.constFind(key);
        if (declared == m_declared.constEnd()) {
            *error = QStringLiteral("%1: unknown key '%2'").arg(where, key);
            return false;
        }
        if (declared->kind == Kind::Flag && !isBoolean(value)) {
            *error = QStringLiteral("%1: %2 takes true or false, not '%3'").arg(where, key, value);
            return false;
        }
        if (value.isEmpty()) {
            *error = QStringLiteral("%1: %2 has no value").arg(where, key);
            return false;
        }
        Setting &setting = read[key];
        if (!setting.values.isEmpty() && declared->kind != Kind::List) {
            *error = QStringLiteral("%1: %2 is set twice (only a list option may repeat)").arg(where, key);
            return false;
        }
        setting.values << value;
        setting.origin = QStringLiteral("%1: %2").arg(where, key);
    }
    for (auto it = read.cbegin(); it != read.cend(); ++it)
        m_settings.insert(it.key(), it.value());
    return true;
}

bool OptionSources::readEnvironment(const QProcessEnvironment &env, QString *error)
{
    for (const QString &name : std::as_const(m_order)) {
        const QString variable = environmentName(name);
        const QString value = env.value(variable).trimmed();
        if (value.isEmpty())
            continue;
        const Kind kind = m_declared.value(name).kind;
        if (kind == Kind::Flag && !isBoolean(value)) {
            *error = QStringLiteral("%1 takes true or false, not '%2'").arg(variable, value);
            return false;
        }
        QStringList values {value};
        if (kind == Kind::List) {
            values = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (QString &v : values)
                v = v.trimmed();
            values.removeAll(QString());
        }
        m_settings.insert(name, {values, variable});
    }
    return true;
}

void OptionSources::readCommandLine(const QCommandLineParser &parser)
{
    for (const QString &name : std::as_const(m_order)) {
        if (!parser.isSet(name))
            continue;
        const bool isFlag = m_declared.value(name).kind == Kind::Flag;
        m_settings.insert(
                name,
                {isFlag ? QStringList {QStringLiteral("true")} : parser.values(name), QStringLiteral("--") + name});
    }
}

QString OptionSources::value(const QString &name) const
{
    const QStringList all = values(name);
    return all.isEmpty() ? QString() : all.constLast();
}

QStringList OptionSources::values(const QString &name) const
{
    const auto it = m_settings.constFind(name);
    return it != m_settings.constEnd() ? it->values : m_declared.value(name).defaults;
}

QString OptionSources::origin(const QString &name) const
{
    const auto it = m_settings.constFind(name);
    return it != m_settings.constEnd() ? it->origin : QStringLiteral("--") + name;
}

QString OptionSources::description(const QString &systemFile)
{
    return QStringLiteral("Every option can also come from the environment and from a config file:\n"
                          "  environment  PODIUM_<NAME>, the name upper-cased with '-' as '_'\n"
                          "               (PODIUM_PORT=5000, PODIUM_HEADLESS=true; lists comma-separated)\n"
                          "  config file  one 'key = value' a line, the key the option's name without\n"
                          "               '--' (port = 5000, headless = true); '#' starts a comment line;\n"
                          "               a list option (allowed-origin, public-name) may repeat.\n"
                          "               The file is --config FILE, else PODIUM_CONFIG, else\n"
                          "               %1 if it exists.\n"
                          "The command line wins over the environment, the environment over the file,\n"
                          "the file over the defaults.\n")
            .arg(systemFile);
}

QString OptionSources::environmentName(const QString &option)
{
    return QStringLiteral("PODIUM_") + option.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

} // namespace podium
