package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.MimeType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableFormatTest {

    @Test
    void accuracyAndConfidenceIntervalsGetTwoDecimals() {
        assertEquals("97.68", TableFormat.format("accuracy", 97.68000000000001));
        assertEquals("0.50", TableFormat.format("ci95", 0.4999));
        assertEquals("1.23", TableFormat.format("CI", 1.2345));
        assertEquals("88.10", TableFormat.format("test acc", 88.1));
        assertEquals("12.35", TableFormat.format("accuracy ci95 (%)", 12.345678));
    }

    @Test
    void secondsGetOneDecimal() {
        assertEquals("12.3", TableFormat.format("seconds", 12.3456));
        assertEquals("0.0", TableFormat.format("trainSeconds", 0.04));
        assertEquals("7.0", TableFormat.format("time", 7));
    }

    @Test
    void lossesAndOtherDoublesGetFourSignificantDigits() {
        assertEquals("0.1235", TableFormat.format("loss", 0.123456789));
        assertEquals("1.235", TableFormat.format("adaptedLoss", 1.23456));
        assertEquals("0.12", TableFormat.format("mseAfter", 0.12));
        assertEquals("1235", TableFormat.format("x", 1234.56));
        assertEquals("-2.5", TableFormat.format("x", -2.5));
        assertEquals("0", TableFormat.format("metaStep", 0));
        assertEquals("1.235e-05", TableFormat.format("loss", 1.23456e-5));
        assertEquals("1.235e+07", TableFormat.format("x", 12_345_678));
        assertEquals("NaN", TableFormat.format("loss", Double.NaN));
    }

    @Test
    void wordsThatOnlyContainTheLettersCiAreNotIntervals() {
        assertEquals("0.1235", TableFormat.format("specificity", 0.123456));
        assertEquals("0.1235", TableFormat.format("cifar", 0.123456));
    }

    @Test
    void renderingRoundsButTheTableKeepsFullPrecision() {
        Table t = Table.create("results", StringColumn.create("cell", "1-shot"), IntColumn.create("k", new int[] {5}),
                DoubleColumn.create("accuracy", 97.68000000000001), DoubleColumn.create("loss", 0.123456789),
                DoubleColumn.create("seconds", 3.14159));
        String html = TableFormat.html(t);
        assertTrue(html.contains("<td>1-shot</td><td>5</td><td>97.68</td><td>0.1235</td><td>3.1</td>"), html);
        assertFalse(html.contains("97.680000"), html);
        String text = TableFormat.text(t);
        assertTrue(text.contains("97.68") && text.contains("0.1235") && !text.contains("0.123456789"), text);
        assertEquals(97.68000000000001, t.doubleColumn("accuracy").get(0));
        assertEquals(0.123456789, t.doubleColumn("loss").get(0));
    }

    @Test
    void missingValuesStayEmptyAndLongTablesAreShortened() {
        DoubleColumn loss = DoubleColumn.create("loss");
        for (int i = 0; i < 100; i++) {
            loss.append(i == 3 ? Double.NaN : i / 3.0);
        }
        String html = TableFormat.html(Table.create("curve", loss));
        assertTrue(html.contains("(100 rows)") && html.contains("... 60 more rows ..."), html);
        assertTrue(html.contains("<td></td>") && html.contains("<td>0.3333</td>"), html);
    }

    @Test
    void tablesRenderAsRoundedHtmlUnderRapaio() {
        Table t = Table.create("r", DoubleColumn.create("ci95", 0.123456));
        var d = new MetalearnDisplayProvider.BundleRenderer(Table.class, MimeType.HTML)
                .render(null, t);
        assertTrue(String.valueOf(d.data().get("text/html")).contains("<td>0.12</td>"));
        assertTrue(String.valueOf(d.data().get("text/plain")).contains("0.12"));
    }
}
