package dev.salesagent.quickstart;

import java.io.PrintStream;

/**
 * A one-line progress bar ({@code [#####.....] 30/60 leads 50%}). On a terminal it is redrawn in place with a
 * carriage return at every percent; otherwise (logs, CI) a new line is printed every 10 percent.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private int lastDrawnPercent = -1;
    private int lastDone;

    ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Redraws when the percentage changed enough; thread-safe. */
    synchronized void update(int done, int total) {
        if (done < lastDone) {
            return; // a late callback from another thread
        }
        lastDone = done;
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        int step = interactive ? 1 : 10;
        if (lastDrawnPercent >= 0 && percent / step == lastDrawnPercent / step && done != total) {
            return;
        }
        lastDrawnPercent = percent;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " leads "
                + percent + "%";
        if (interactive) {
            out.print("\r" + bar);
        } else {
            out.println(bar);
        }
        out.flush();
    }

    /** Ends the line on a terminal. */
    synchronized void finish() {
        if (interactive) {
            out.println();
        }
        out.flush();
    }
}
