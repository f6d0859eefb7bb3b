import QtQuick
import QtTest
import Podium.Wall

// Fmt.value against the table the server's Metric::format (tst_format) and
// the web wall's format.js (node_format) are held by too:
// tests/data/format-cases.json, given by tst_wallcomponents as formatCases.
TestCase {
    name: "FormatCases"

    // JSON has no NaN or infinities; the table writes them as these strings.
    function caseValue(v) {
        if (typeof v === "number")
            return v
        if (v === "NaN" || v === "Infinity" || v === "-Infinity")
            return Number(v)
        fail("format-cases.json: value " + JSON.stringify(v) + " is neither a number nor NaN/Infinity/-Infinity")
    }

    function test_table() {
        verify(formatCases && formatCases.length !== undefined, "tests/data/format-cases.json was not read")
        verify(formatCases.length >= 40, formatCases.length + " rows")
    }

    function test_cases_data() {
        const rows = []
        for (let i = 0; i < formatCases.length; ++i) {
            const c = formatCases[i]
            rows.push({ tag: c.unit + " " + c.value, unit: c.unit, value: c.value, text: c.text })
        }
        return rows
    }
    function test_cases(row) {
        compare(Fmt.value(caseValue(row.value), row.unit), row.text)
    }

    // The ticking number steps in the final value's own precision.
    function test_tick_data() {
        return [
            { tag: "thousands", v: 25321, target: 26000, unit: "currency", text: "$25.3K" },
            { tag: "billions", v: 2.51e9, target: 2.6e9, unit: "currency", text: "$2.5B" },
            { tag: "tenths", v: 11.26, target: 12.5, unit: "count", text: "11.3" },
            { tag: "whole", v: 11.26, target: 13, unit: "count", text: "11" }
        ]
    }
    function test_tick(row) {
        compare(Fmt.tick(row.v, row.target, row.unit), row.text)
    }
}
