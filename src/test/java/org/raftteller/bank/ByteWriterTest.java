package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ByteWriterTest {

    @Test
    void fieldsAreWrittenBigEndianInOrder() {
        ByteWriter out = new ByteWriter(1 + 4 + 8 + 3);

        byte[] bytes = out.writeByte(0xAB).writeInt(0x01020304).writeLong(-2L).writeClient("hi")
                .toByteArray();

        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("ab" + "01020304" + "fffffffffffffffe" + "02" + "6869");
    }

    @Test
    void clientLengthCountsTheLengthByteAndEveryCharacter() {
        assertThat(ByteWriter.clientLength("")).isEqualTo(1);
        assertThat(ByteWriter.clientLength("alice")).isEqualTo(6);
    }

    @Test
    void handingOverFewerBytesThanPlannedIsABug() {
        ByteWriter out = new ByteWriter(9);
        out.writeLong(7);

        assertThatIllegalStateException()
                .isThrownBy(out::toByteArray)
                .withMessage("wrote 8 bytes where 9 were planned");
    }

    @Test
    void writingPastThePlanIsABug() {
        ByteWriter out = new ByteWriter(4);

        assertThatThrownBy(() -> out.writeLong(7))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
