package dev.salesagent.quickstart;

import java.io.PrintStream;

/** A one-line terminal progress bar ({@code [#####.....] 30/60 leads}), redrawn with a carriage return. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private int lastDrawnPercent = -1;
    private int lastDone;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** Redraws when the percentage changed; thread-safe. */
    synchronized void update(int done, int total) {
        if (done < lastDone) {
            return; // a late callback from another thread
        }
        lastDone = done;
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent == lastDrawnPercent && done != total) {
            return;
        }
        lastDrawnPercent = percent;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " leads "
                + percent + "%");
        out.flush();
    }

    synchronized void finish() {
        out.println();
        out.flush();
    }
}
