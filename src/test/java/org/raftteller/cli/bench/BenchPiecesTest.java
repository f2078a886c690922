package org.raftteller.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.raftteller.node.client.ClientRequest;
import org.raftteller.node.client.ClientRequestParser;
import org.raftteller.node.client.Op;

class BenchPiecesTest {

    @Test
    void theTcpClientsRequestIsAValidCreditWithItsIdentity() {
        String line = TcpClientLoad.requestLine("bench-on-16-3", 42);

        assertThat(line).endsWith("\n");
        Object parsed = ClientRequestParser.parse(line.strip());
        assertThat(parsed).isInstanceOf(ClientRequest.class);
        ClientRequest request = (ClientRequest) parsed;
        assertThat(request.op()).isEqualTo(Op.CREDIT);
        assertThat(request.amount()).isEqualTo(1);
        assertThat(request.client()).isEqualTo("bench-on-16-3");
        assertThat(request.seq()).isEqualTo(42);
    }

    @Test
    void quickShortensWhatWasNotGivenExplicitly() {
        BenchSettings quick = BenchSettings.of(true, null, 0.5, null, false);

        assertThat(quick.warmupSeconds()).isEqualTo(BenchSettings.QUICK_WARMUP);
        assertThat(quick.measureSeconds()).isEqualTo(0.5);
        assertThat(quick.crashes()).isEqualTo(BenchSettings.QUICK_CRASHES);
    }

    @Test
    void theDefaultsAreThoseSofaJRaftWasMeasuredWith() {
        BenchSettings defaults = BenchSettings.of(false, null, null, null, false);

        assertThat(defaults.warmupSeconds()).isEqualTo(3);
        assertThat(defaults.measureSeconds()).isEqualTo(10);
        assertThat(defaults.crashes()).isEqualTo(10);
    }

    @Test
    void settingsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> BenchSettings.of(false, -1.0, null, null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSettings.of(false, null, 0.0, null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSettings.of(false, null, Double.NaN, null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSettings.of(false, null, null, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMeasurementCountsOnlyWhatCompletesInsideItsWindow() {
        Measurement m = new Measurement();
        m.completed(System.nanoTime(), true, null);

        m.open();
        m.completed(System.nanoTime() - 2_000_000, true, null);
        m.completed(System.nanoTime(), false, "timeout");
        m.close();
        m.completed(System.nanoTime(), true, null);

        Measurement.LoadFigures f = m.figures();
        assertThat(f.succeeded()).isEqualTo(1);
        assertThat(f.failed()).isEqualTo(1);
        assertThat(f.p50Millis()).isBetween(1.9, 50.0);
        assertThat(f.opsPerSecond()).isPositive();
        assertThat(m.failures()).isEqualTo(1);
        assertThat(m.lastError()).isEqualTo("timeout");
    }
}
