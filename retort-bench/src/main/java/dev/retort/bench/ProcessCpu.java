package dev.retort.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of an in-process measurement: the CPU time of the measuring thread (to the
 * microsecond) plus the time the garbage collectors reported meanwhile (to the millisecond). Unlike
 * wall-clock time it hardly grows when other jobs compete for the CPUs. The JVM's own process CPU
 * time is no use here: {@code OperatingSystemMXBean.getProcessCpuTime} and {@code /proc} count in
 * ticks of 4 to 10 ms.
 */
final class ProcessCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOCATIONS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ProcessCpu() {
    }

    static long nanos() {
        long gcMillis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, collector.getCollectionTime());
        }
        return THREADS.getCurrentThreadCpuTime() + gcMillis * 1_000_000L;
    }

    /** Bytes the current thread has allocated so far (HotSpot's per-thread counter). */
    static long allocatedBytes() {
        return ALLOCATIONS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
