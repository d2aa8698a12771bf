package dev.heartbeat.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostLimitsTest {

    @Test
    void readsTheSoftOpenFilesLimit() {
        String limits = "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max processes             unlimited            unlimited            processes\n"
                + "Max open files            20000                20000                files\n";
        assertThat(HostLimits.parseOpenFiles(limits)).hasValue(20_000);
        assertThat(HostLimits.parseOpenFiles("Max open files            unlimited   unlimited   files\n")).isEmpty();
    }

    @Test
    void countsTheEphemeralPorts() {
        assertThat(HostLimits.parsePortRange("32768\t60999\n")).hasValue(28_232);
        assertThat(HostLimits.parsePortRange("garbage")).isEmpty();
    }

    @Test
    void warnsWhenARunNeedsMoreFilesOrPortsThanItHas() {
        HostLimits limits = new HostLimits(OptionalLong.of(20_000), OptionalLong.of(28_232));
        assertThat(limits.warningsFor(10_000, 1)).isEmpty();
        assertThat(limits.warningsFor(50_000, 2)).singleElement().asString().contains("ulimit -n");
        assertThat(limits.warningsFor(50_000, 1)).hasSize(2).last().asString().contains("--source-addresses 2");
    }

    @Test
    void spreadsConnectionsOverEnoughSourceAddresses() {
        assertThat(ClientFleet.sourceAddressesFor(1)).isEqualTo(1);
        assertThat(ClientFleet.sourceAddressesFor(25_000)).isEqualTo(1);
        assertThat(ClientFleet.sourceAddressesFor(25_001)).isEqualTo(2);
        assertThat(ClientFleet.sourceAddressesFor(50_000)).isEqualTo(2);
        assertThat(ClientFleet.sourceAddresses(3)).extracting(a -> a.getHostAddress())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    }
}
