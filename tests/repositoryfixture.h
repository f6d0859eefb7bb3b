#pragma once

// Shared set-up for repository tests: a real SQLite file in a temporary
// directory, migrated by Store, written through a DirectWriter, and opened
// again on demand to show what a restart reads.
#include "store/batchwriter.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace podium::testing {

template<typename Repository> struct RepositoryFixture
{
    RepositoryFixture()
    {
        QVERIFY(dir.isValid());
        reopen();
    }

    void reopen()
    {
        repository.reset();
        writer.reset();
        store = std::make_unique<Store>();
        QString error;
        QVERIFY2(store->open(dir.filePath("podium.db"), &error), qPrintable(error));
        writer = std::make_unique<DirectWriter>(*store);
        repository = std::make_unique<Repository>(*writer);
    }

    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<DirectWriter> writer;
    std::unique_ptr<Repository> repository;
};

} // namespace podium::testing
