package dev.attentionlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this is the app's first start for this user: a marker file in the data folder says it was seen. */
public final class FirstRun {
    static final String MARKER = "welcomed";

    private FirstRun() {}

    /**
     * True once: on the first call for {@code dataFolder}, which leaves the marker behind. A folder
     * that cannot be written means the welcome comes again next time, which is harmless.
     */
    public static boolean claim(Path dataFolder) {
        Path marker = dataFolder.resolve(MARKER);
        if (Files.exists(marker)) return false;
        try {
            Files.createDirectories(dataFolder);
            Files.writeString(marker, "The first-run welcome was shown; delete this file to see it again.\n");
        } catch (IOException e) {
            // shown again next start
        }
        return true;
    }
}
