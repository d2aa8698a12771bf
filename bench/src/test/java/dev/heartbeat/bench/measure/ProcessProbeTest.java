package dev.heartbeat.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessProbeTest {

    @Test
    void readsResidentMemoryFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";
        assertThat(ProcessProbe.parseVmRssKiB(status)).isEqualTo(123_456);
    }

    @Test
    void readsUserPlusSystemTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (server) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 750 250 0 0 20 0 40 0 100 1000 500";
        assertThat(ProcessProbe.parseCpuTicks(stat)).isEqualTo(1_000);
    }

    @Test
    void turnsTicksIntoNanoseconds(@TempDir Path proc) throws IOException {
        Path dir = Files.createDirectories(proc.resolve("77"));
        Files.writeString(dir.resolve("stat"), "77 (java) S 1 77 77 0 -1 0 0 0 0 0 30 20 0 0 20 0 1 0 1 1 1");
        Files.writeString(dir.resolve("status"), "VmRSS:\t2048 kB\n");

        ProcessProbe probe = ProcessProbe.at(proc, 77, 100);

        assertThat(probe.cpuNanos()).isEqualTo(500_000_000L);
        assertThat(probe.rssKiB()).isEqualTo(2048);
    }

    @Test
    void readsTheLiveHeapOfG1AndAddsUpTheGenerationsOfSerialAndParallel() {
        String g1 = "22656:\n garbage-first heap   total 262144K, used 12345K [0x00000006c0000000, 0x0000000800000000)\n"
                + "  region size 2048K, 3 young (6144K), 0 survivors (0K)\n"
                + " Metaspace       used 21000K, committed 21500K, reserved 1114112K\n";
        String serial = " def new generation   total 29504K, used 85K [0x1, 0x2, 0x3)\n   eden space 26240K,   0% used\n"
                + " tenured generation   total 400000K, used 300000K [0x3, 0x4, 0x5)\n"
                + " Metaspace       used 21000K, committed 21500K, reserved 1114112K\n";
        assertThat(ProcessProbe.parseHeapUsedKiB(g1)).hasValue(12_345);
        assertThat(ProcessProbe.parseHeapUsedKiB(serial)).hasValue(300_085);
        assertThat(ProcessProbe.parseHeapUsedKiB("Could not attach")).isEmpty();
    }

    @Test
    void foldsThreadNumbersSoAPoolAddsUp() {
        assertThat(ProcessProbe.threadGroup("qtp1234-56")).isEqualTo("qtp#-#");
        assertThat(ProcessProbe.busiestThreadGroupsMs(java.util.Map.of("a", 1_000_000L, "b", 0L),
                java.util.Map.of("a", 3_000_000L, "b", 5_000_000L, "c", 0L), 5))
                .containsExactly(org.assertj.core.api.Assertions.entry("b", 5L), org.assertj.core.api.Assertions.entry("a", 2L));
    }

    @Test
    void aMissingProcessIsAClearError() {
        assertThatThrownBy(() -> ProcessProbe.of(Long.MAX_VALUE - 1)).hasMessageContaining("running on this machine");
    }

    @Test
    void thisJvmCanProbeItself() {
        ProcessProbe self = ProcessProbe.of(ProcessHandle.current().pid());
        assertThat(self.rssKiB()).isPositive();
        assertThat(self.cpuNanos()).isPositive();
    }
}
