#pragma once

#include <QCommandLineOption>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace podium {

// Where each option's value comes from: the command line, then the
// environment (PODIUM_<NAME>), then the config file (`name = value`), then
// the option's default. Each layer replaces what the layers below it said
// for the options it sets, a list option's values included. Values are kept
// as text; checking them is the caller's, which names the source with
// origin() so an error points at the flag, the variable or the file line.
class OptionSources
{
public:
    enum class Kind { Flag, Value, List };

    // The options the three sources may set, with their defaults.
    // Value-less options are flags; `lists` names the repeatable ones.
    void declare(const QList<QCommandLineOption> &options, const QStringList &lists = {});

    // The file named by --config, else by PODIUM_CONFIG, else `systemFile`
    // if it exists; empty when there is none.
    static QString configFile(const QString &commandLine, const QProcessEnvironment &env, const QString &systemFile);
    // `key = value` lines; '#' starts a comment line. A list key may repeat.
    // Errors name the file, the line and the key.
    bool readFile(const QString &path, QString *error);
    // PODIUM_<NAME> (upper case, '-' as '_'); an empty variable counts as
    // unset. Flags take true/false, lists separate their values with commas.
    bool readEnvironment(const QProcessEnvironment &env, QString *error);
    void readCommandLine(const QCommandLineParser &parser);

    bool isSet(const QString &name) const { return m_settings.contains(name); }
    // The value that wins, else the default.
    QString value(const QString &name) const;
    QStringList values(const QString &name) const;
    bool flag(const QString &name) const { return isSet(name) && value(name) == QLatin1String("true"); }
    // How an error about this option names it: "--port", "PODIUM_PORT" or
    // "/etc/podium/podium.conf:3: port".
    QString origin(const QString &name) const;

    static QString environmentName(const QString &option);
    // The paragraph of --help that explains the sources.
    static QString description(const QString &systemFile);

private:
    struct Setting
    {
        QStringList values;
        QString origin;
    };
    struct Declared
    {
        Kind kind;
        QStringList defaults;
    };
    QHash<QString, Declared> m_declared;
    QStringList m_order; // declaration order, for a stable environment scan
    QHash<QString, Setting> m_settings;
};

} // namespace podium
