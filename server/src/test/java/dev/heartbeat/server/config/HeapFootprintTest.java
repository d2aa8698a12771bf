package dev.heartbeat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapFootprintTest {
    @Test
    void theJvmIsAskedToHandBackUnusedHeapUnlessTheCommandLineSaidOtherwise() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        VMOption before = hotspot.getVMOption("MaxHeapFreeRatio");
        HeapFootprint.apply();
        VMOption after = hotspot.getVMOption("MaxHeapFreeRatio");
        if (before.getOrigin() == VMOption.Origin.VM_CREATION) {
            assertThat(after.getValue()).isEqualTo(before.getValue());
        } else {
            assertThat(after.getValue()).isEqualTo("20");
            assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
        }
    }
}
