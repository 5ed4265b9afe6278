package org.homeward.support.problem;

/**
 * Describes a failure for the logs without its messages: exception messages can carry personal data (a database
 * error quotes the row, a parser the input), so logs get class names and code locations only.
 */
public final class SafeLog {

    private static final int FRAMES = 8;

    private SafeLog() {
    }

    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable current = failure;
        int depth = 0;
        while (current != null && depth++ < 6) {
            if (out.length() > 0) {
                out.append(" <- caused by ");
            }
            out.append(current.getClass().getName());
            StackTraceElement[] trace = current.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, trace.length); i++) {
                out.append("\n\tat ").append(trace[i]);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return out.toString();
    }
}
