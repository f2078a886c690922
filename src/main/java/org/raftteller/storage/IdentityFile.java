package org.raftteller.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code identity} file of a data directory: three lines of text, so a person can read it.
 * <pre>
 * raft-teller identity 1
 * node=2
 * cluster=classroom
 * </pre>
 * Written once, atomically, and never changed.
 */
final class IdentityFile {

    static final String FILE_NAME = "identity";
    private static final String HEADER = "raft-teller identity 1";

    private IdentityFile() {
    }

    /**
     * Records {@code expected} if the directory has no identity yet, or checks it against the one
     * recorded.
     *
     * @throws DataDirectoryException if the directory belongs to another node or cluster
     */
    static void claim(Path dir, NodeIdentity expected) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] content = (HEADER + "\nnode=" + expected.nodeId() + "\ncluster="
                    + expected.clusterId() + "\n").getBytes(StandardCharsets.US_ASCII);
            DurableFiles.writeAtomically(file, dir.resolve(FILE_NAME + ".tmp"), content);
            return;
        }
        NodeIdentity recorded = read(file);
        if (!recorded.equals(expected)) {
            throw new DataDirectoryException("data directory " + dir + " belongs to " + recorded
                    + ", refusing to open it as " + expected);
        }
    }

    private static NodeIdentity read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n", -1);
        if (lines.length != 4 || !lines[0].equals(HEADER) || !lines[3].isEmpty()) {
            throw new StorageCorruptionException(file, 0, "not a valid identity file");
        }
        int lineOffset = lines[0].length() + 1;
        if (!lines[1].matches("node=[0-9]{1,9}")) {
            throw new StorageCorruptionException(file, lineOffset, "bad node line");
        }
        lineOffset += lines[1].length() + 1;
        if (!lines[2].startsWith("cluster=")) {
            throw new StorageCorruptionException(file, lineOffset, "bad cluster line");
        }
        try {
            return new NodeIdentity(Integer.parseInt(lines[1].substring("node=".length())),
                    lines[2].substring("cluster=".length()));
        } catch (IllegalArgumentException e) {
            throw new StorageCorruptionException(file, lineOffset, e.getMessage());
        }
    }
}
