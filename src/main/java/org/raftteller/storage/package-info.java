/**
 * The durable half of a node: term and vote, and the log, in the node's data directory.
 *
 * <p>Layout of a data directory:
 * <pre>
 * LOCK       held with an OS file lock while a process uses the directory
 * identity   optional, text: the node id and cluster id the directory belongs to
 * state      current term and vote, replaced atomically (see {@link HardStateFile})
 * log/       segment files named by their first index, e.g. 00000000000000000001.log
 * </pre>
 *
 * <p>The promise (DESIGN.md, "Data directory"): what {@code sync} has returned for survives
 * SIGKILL and power loss; a torn last record is dropped on restart with a warning; any other
 * damage stops the node with a {@link StorageCorruptionException} naming file and offset.
 */
package org.raftteller.storage;
