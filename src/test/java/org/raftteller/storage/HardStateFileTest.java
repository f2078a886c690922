package org.raftteller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raftteller.raft.HardState;

class HardStateFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileLoadsAsTheInitialState() throws IOException {
        HardStateFile file = new HardStateFile(dir);

        HardState loaded = file.load();

        assertThat(loaded).isEqualTo(HardState.INITIAL);
    }

    @Test
    void savedStateLoadsBackAfterEverySave() throws IOException {
        HardStateFile file = new HardStateFile(dir);

        file.save(new HardState(3, 2));
        file.save(new HardState(4, HardState.NO_VOTE));

        assertThat(new HardStateFile(dir).load()).isEqualTo(new HardState(4, HardState.NO_VOTE));
        assertThat(Files.size(dir.resolve("state"))).isEqualTo(HardStateFile.SIZE);
        assertThat(dir.resolve("state.tmp")).doesNotExist();
    }

    @Test
    void leftoverTempFileFromAnInterruptedSaveLeavesTheSavedStateIntact() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        file.save(new HardState(5, 1));
        Files.write(dir.resolve("state.tmp"), new byte[] {1, 2, 3});

        HardState loaded = file.load();
        file.save(new HardState(6, 3));

        assertThat(loaded).isEqualTo(new HardState(5, 1));
        assertThat(file.load()).isEqualTo(new HardState(6, 3));
    }

    @Test
    void stagedStateIsNotLoadedUntilPublished() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        file.save(new HardState(5, 1));

        file.stage(new HardState(6, 2));
        HardState beforePublish = file.load();
        file.publish(true);

        assertThat(beforePublish).isEqualTo(new HardState(5, 1));
        assertThat(file.load()).isEqualTo(new HardState(6, 2));
    }

    @Test
    void flippedBitIsCorruptionNamingTheFileAndOffset() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        file.save(new HardState(7, 2));
        Damage.flipBit(dir.resolve("state"), 12);

        assertThatThrownBy(file::load)
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining(dir.resolve("state").toString())
                .hasMessageContaining("offset 0")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void shortFileIsCorruptionNamingWhereItEnds() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        file.save(new HardState(7, 2));
        Damage.truncate(dir.resolve("state"), 10);

        assertThatThrownBy(file::load)
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("state at offset 10")
                .hasMessageContaining("10 bytes long");
    }

    @Test
    void foreignFileIsCorruption() throws IOException {
        Files.write(dir.resolve("state"), new byte[HardStateFile.SIZE]);

        assertThatThrownBy(() -> new HardStateFile(dir).load())
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("magic");
    }
}
