package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metalearn.learn.IterationReport;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.MimeType;

class NotebookProgressTest {

    @Test
    void theFinishedBarShowsAllIterationsTotalTimeAndFinalLoss() {
        Html done = new NotebookProgress("Reptile <sine>").done(new IterationReport(300, 300, 0.12345, 0.1, 0, 12.34));
        assertEquals("Reptile <sine> 300/300 (100%) done in 12.3 s, final loss 0.1235", done.text());
        assertTrue(done.html().contains("<progress value='300' max='300'"), done.html());
        assertTrue(done.html().contains("Reptile &lt;sine&gt;"), done.html());
        assertEquals(done.text(), done.toString());
    }

    @Test
    void htmlRendersAsHtmlWithItsTextAndNeverAsAnObjectDump() {
        DisplayData d = new MetalearnDisplayProvider.BundleRenderer(Html.class, MimeType.HTML)
                .render(null, new Html("<b>x</b>", "x"));
        assertEquals("<b>x</b>", d.data().get("text/html"));
        assertEquals("x", d.data().get("text/plain"));
        assertFalse(String.valueOf(d.data()).matches("(?s).*[\\w$.]+@[0-9a-f]{5,}.*"));
    }
}
