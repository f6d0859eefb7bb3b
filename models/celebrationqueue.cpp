#include "celebrationqueue.h"

#include <algorithm>

namespace podium {

CelebrationQueue::CelebrationQueue(QObject *parent) : StreamModel(parent) {}

int CelebrationQueue::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_waiting.size());
}

QVariant CelebrationQueue::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Celebration &c = m_waiting.at(index.row());
    switch (role) {
    case SeqRole:
        return c.seq;
    case Qt::DisplayRole:
    case TitleRole:
        return c.title;
    case DescriptionRole:
        return c.description;
    case IconRole:
        return c.icon;
    case RarityRole:
        return c.rarity;
    case NameRole:
        return c.name;
    case InitialsRole:
        return c.initials;
    case ColorRole:
        return c.color;
    case TeamNameRole:
        return c.teamName;
    default:
        return {};
    }
}

QHash<int, QByteArray> CelebrationQueue::roleNames() const
{
    return {{SeqRole, "seq"},   {TitleRole, "title"},       {DescriptionRole, "description"},
            {IconRole, "icon"}, {RarityRole, "rarity"},     {NameRole, "name"},
            {InitialsRole, "initials"}, {ColorRole, "color"}, {TeamNameRole, "teamName"}};
}

void CelebrationQueue::handleEvent(const Event &e)
{
    if (e.name == QLatin1String("achievement:celebration"))
        enqueue(Celebration::fromEvent(e));
}

void CelebrationQueue::enqueue(const Celebration &c)
{
    if (!m_active) {
        m_current = c;
        m_active = true;
        ++m_played;
        emit currentChanged();
        emit started(current());
        return;
    }
    const int row = int(m_waiting.size());
    beginInsertRows(QModelIndex(), row, row);
    m_waiting.append(c);
    endInsertRows();
}

void CelebrationQueue::finishCurrent(int alsoShown)
{
    if (!m_active)
        return;
    const int n = std::clamp(alsoShown, 0, int(m_waiting.size()));
    if (n > 0) {
        beginRemoveRows(QModelIndex(), 0, n - 1);
        m_waiting.erase(m_waiting.begin(), m_waiting.begin() + n);
        endRemoveRows();
        m_played += n;
    }
    startNext();
}

QVariantList CelebrationQueue::upcoming(int n) const
{
    QVariantList list;
    for (int i = 0; i < n && i < m_waiting.size(); ++i)
        list.append(m_waiting.at(i).toMap());
    return list;
}

void CelebrationQueue::startNext()
{
    if (m_waiting.isEmpty()) {
        m_active = false;
        m_current = {};
        emit currentChanged();
        return;
    }
    beginRemoveRows(QModelIndex(), 0, 0);
    m_current = m_waiting.takeFirst();
    endRemoveRows();
    ++m_played;
    emit currentChanged();
    emit started(current());
}

} // namespace podium
