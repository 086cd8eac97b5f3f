package org.jheat.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Host memory of CPU tensors: one malloc'd block, freed either explicitly ({@link #free()}, for temporaries
 * whose lifetime an op knows) or, through an automatic arena, once no segment of it is reachable.
 *
 * <p>The garbage collector does not see these bytes, so {@link #allocate} counts them: once the bytes allocated
 * since the last collection exceed a trigger (see {@link #gcTriggerBytes()}), it asks the collector to run and
 * gives the cleaners a moment to free what became unreachable, much as {@code java.nio} does for direct buffers.
 * A user loop that keeps creating temporaries ({@code x = x.mul(2).add(1)}) therefore never exhausts native
 * memory.
 *
 * <pre>{@code
 * Storage s = Storage.allocate(8 * n, true);   // zeroed
 * MemorySegment seg = s.segment();
 * s.free();                                     // optional: immediate release
 * }</pre>
 */
public final class Storage implements Memory {
    private static final MethodHandle MALLOC;
    private static final MethodHandle CALLOC;
    private static final MethodHandle FREE;
    /** Blocks from this size on are 2 MiB-aligned and advised to use transparent huge pages. */
    private static final long HUGE = 4L << 20;
    private static final long HUGE_PAGE = 2L << 20;
    private static final int MADV_HUGEPAGE = 14;
    /**
     * JHEAT_HUGEPAGES=1 turns the huge-page path on (see {@link #hugeAlloc}). Off by default: on this VM a huge page
     * that the hypervisor has not backed yet costs more than its 512 small pages (touching a fresh GiB: 0.9-1.1 s
     * against 0.6 s), recycled ones far less (0.10-0.15 s against 0.40-0.45 s); streaming runs at the same speed and
     * random row gathers gain up to a quarter, but not steadily enough to change the default.
     */
    private static final boolean HUGEPAGES = "1".equals(System.getenv("JHEAT_HUGEPAGES"));
    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong SINCE_GC = new AtomicLong();
    private static final AtomicLong PEAK = new AtomicLong();
    private static final AtomicLong FRESH = new AtomicLong();
    /** Blocks released by their cleaner (found unreachable by a collection) rather than by {@link #free()}. */
    private static final AtomicLong CLEANED = new AtomicLong();
    private static final Object GC_LOCK = new Object();
    /** JHEAT_POISON=1 fills uninitialised memory with 0xFF (NaN, -1) so that code relying on zeroed memory fails. */
    private static final boolean POISON = "1".equals(System.getenv("JHEAT_POISON"));
    private static volatile long baseTrigger = defaultTrigger();
    private static volatile long gcTrigger = baseTrigger;

    static {
        Linker linker = Linker.nativeLinker();
        var lookup = linker.defaultLookup();
        MALLOC = linker.downcallHandle(lookup.find("malloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        CALLOC = linker.downcallHandle(lookup.find("calloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        FREE = linker.downcallHandle(lookup.find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    }

    /** mmap, munmap and madvise, bound on first use: only the huge-page path needs them, and each binding costs a few
     * milliseconds of a program's start. */
    private static final class Mapping {
        static final MethodHandle MMAP, MUNMAP, MADVISE;

        static {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            MMAP = linker.downcallHandle(lookup.find("mmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
            MUNMAP = linker.downcallHandle(lookup.find("munmap").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            MADVISE = lookup.find("madvise").map(a -> linker.downcallHandle(a,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT))).orElse(null);
        }
    }

    private final MemorySegment segment;
    private final long blockBytes;
    private final Releaser releaser;

    private Storage(MemorySegment segment, long blockBytes, Releaser releaser) {
        this.segment = segment;
        this.blockBytes = blockBytes;
        this.releaser = releaser;
    }

    /** Returns the block once: explicitly ({@link #free()}) or when no segment of it is reachable any more. */
    private record Releaser(long address, long bytes, AtomicBoolean done) implements Runnable {
        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) return;
            LIVE.addAndGet(-bytes);
            if (!Cache.offer(address, bytes)) rawFree(address, bytes);
        }
    }

    /** Returns a block of {@code n} bytes from {@link #rawAlloc} to the system. */
    static void rawFree(long address, long n) {
        try {
            if (huge(n)) unmap(address, hugeLength(n));
            else FREE.invokeExact(MemorySegment.ofAddress(address));
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * Freed large blocks, kept for reuse by size: fresh memory from the kernel costs a page fault per page on
     * first touch (slower than the arithmetic for streaming operations), so an operation in a loop reuses the
     * blocks of the previous iteration's temporaries instead, like PyTorch's caching allocator.
     */
    static final class Cache {
        static final long MIN = 1L << 20;
        private static final java.util.HashMap<Long, java.util.ArrayDeque<Long>> BLOCKS = new java.util.HashMap<>();
        private static final java.util.ArrayDeque<long[]> ORDER = new java.util.ArrayDeque<>();
        private static long cached;

        static long cap() { return Math.min(8L << 30, baseTrigger); }

        static synchronized boolean offer(long address, long bytes) {
            if (bytes < MIN || bytes > cap()) return false;
            while (cached + bytes > cap() && !ORDER.isEmpty()) evictOldest();
            BLOCKS.computeIfAbsent(bytes, k -> new java.util.ArrayDeque<>()).push(address);
            ORDER.addLast(new long[] {address, bytes});
            cached += bytes;
            return true;
        }

        static synchronized long take(long bytes) {
            java.util.ArrayDeque<Long> q = BLOCKS.get(bytes);
            if (q == null || q.isEmpty()) return 0;
            long a = q.pop();
            ORDER.removeIf(e -> e[0] == a);
            cached -= bytes;
            return a;
        }

        private static void evictOldest() {
            long[] e = ORDER.removeFirst();
            BLOCKS.get(e[1]).remove(e[0]);
            cached -= e[1];
            rawFree(e[0], e[1]);
        }

        static synchronized void clear() {
            while (!ORDER.isEmpty()) evictOldest();
        }

        static synchronized long bytes() { return cached; }
    }

    /**
     * Allocates {@code bytes} bytes off-heap (at least one), zeroed when {@code zero} (calloc: large zeroed blocks
     * cost nothing until touched).
     * <pre>{@code Storage s = Storage.allocate(1024, false); }</pre>
     *
     * @throws OutOfMemoryError when the system cannot provide the memory even after a collection
     */
    public static Storage allocate(long bytes, boolean zero) {
        if (bytes < 0) throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        if (bytes <= SMALL) return small(bytes, zero);
        long n = Math.max(bytes, 1);
        if (n >= Cache.MIN) n = (n + 0xFFFF) & ~0xFFFFL;   // 64 KiB granules so that similar sizes share cached blocks
        if (SINCE_GC.addAndGet(n) > gcTrigger) collect();
        long addr = Cache.take(n);
        if (addr == 0 && n >= eagerBase && SINCE_GC.get() >= Math.max(n, eagerVolumeNow()) && reclaim(n)) addr = Cache.take(n);
        if (addr != 0) {
            if (zero) MemorySegment.ofAddress(addr).reinterpret(n).fill((byte) 0);
        } else {
            addr = rawAlloc(n, zero);
            if (addr != 0) FRESH.addAndGet(n);
        }
        if (addr == 0) {
            Cache.clear();
            collect();
            addr = rawAlloc(n, zero);
            if (addr != 0) FRESH.addAndGet(n);
            if (addr == 0) {
                AllocationFailure h = onFailure;
                if (h != null) h.failed(n, LIVE.get(), Cache.bytes());
                throw new OutOfMemoryError("jheat: cannot allocate " + n + " bytes off-heap (" + LIVE.get()
                        + " bytes live)");
            }
        }
        long live = LIVE.addAndGet(n);
        PEAK.accumulateAndGet(live, Math::max);
        // The block's lifetime is an automatic arena: it is released only when no segment of it - not the Storage,
        // not a Tensor, not any slice handed to MPI or a kernel - is reachable. The releaser holds only the address.
        Releaser rel = new Releaser(addr, n, new AtomicBoolean());
        MemorySegment seg = MemorySegment.ofAddress(addr).reinterpret(bytes, Arena.ofAuto(), ignored -> {
            if (!rel.done().get()) CLEANED.incrementAndGet();
            rel.run();
        });
        Storage s = new Storage(seg, n, rel);
        if (POISON && !zero) seg.fill((byte) 0xFF);
        return s;
    }

    /** Blocks up to this many bytes (scalars, tiny arrays) are carved from a shared {@link Slab}. */
    static final long SMALL = 256;
    /** Bytes of one slab: 256 blocks of the largest small size, or 4096 scalars. */
    private static final long SLAB = 64L << 10;
    private static final Object SLAB_LOCK = new Object();
    private static volatile Slab slab;

    /**
     * A malloc'd block that small blocks are bump-allocated from: the per-block cost of a large block (its own
     * automatic arena, whose cleaner the collector must process, and a malloc/free pair) is several times the
     * arithmetic of a scalar operation, so small blocks share one slab's arena. Each small block's segment is a slice
     * of the slab, which keeps the whole slab alive; the slab returns to the system once no slice of it is reachable.
     * Slices are never reused, so a slab that still holds one long-lived scalar keeps its 64 KiB: the price of a
     * scalar operation that costs no more than numpy's.
     */
    private record Slab(MemorySegment segment, AtomicLong next) { }

    private static Storage small(long bytes, boolean zero) {
        long n = (Math.max(bytes, 1) + 15) & ~15L;   // malloc's 16-byte alignment, for every dtype and SIMD load
        while (true) {
            Slab s = slab;
            if (s != null) {
                long off = s.next().getAndAdd(n);
                if (off + n <= SLAB) {
                    MemorySegment seg = s.segment().asSlice(off, bytes);
                    if (zero) seg.fill((byte) 0);
                    else if (POISON) seg.fill((byte) 0xFF);
                    return new Storage(seg, 0, null);
                }
            }
            synchronized (SLAB_LOCK) {
                if (slab == s) slab = newSlab();
            }
        }
    }

    private static Slab newSlab() {
        if (SINCE_GC.addAndGet(SLAB) > gcTrigger) collect();
        long addr = rawAlloc(SLAB, false);
        if (addr == 0) {
            Cache.clear();
            collect();
            addr = rawAlloc(SLAB, false);
            if (addr == 0) throw new OutOfMemoryError("jheat: cannot allocate " + SLAB + " bytes off-heap (" + LIVE.get() + " bytes live)");
        }
        FRESH.addAndGet(SLAB);
        PEAK.accumulateAndGet(LIVE.addAndGet(SLAB), Math::max);
        long a = addr;
        MemorySegment seg = MemorySegment.ofAddress(addr).reinterpret(SLAB, Arena.ofAuto(), ignored -> {
            LIVE.addAndGet(-SLAB);
            rawFree(a, SLAB);
        });
        return new Slab(seg, new AtomicLong());
    }

    private static long rawAlloc(long n, boolean zero) {
        try {
            if (huge(n)) return hugeAlloc(n);
            MemorySegment p = zero ? (MemorySegment) CALLOC.invokeExact(1L, n) : (MemorySegment) MALLOC.invokeExact(n);
            return p.address();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Whether a block of n bytes comes from {@link #hugeAlloc} (and goes back with munmap). */
    private static boolean huge(long n) { return HUGEPAGES && n >= HUGE; }

    /** The mapped length of a huge block: whole huge pages. */
    private static long hugeLength(long n) { return (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); }

    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x22;

    /**
     * A large block mapped on its own, on 2 MiB boundaries, with transparent huge pages requested (kernels in THP
     * "madvise" mode only use them where asked): fresh memory costs a page fault per page on first touch (1.5-17 us
     * per 4 KiB page on VMs of this kind), and a huge page makes that one fault per 512 pages; random row reads also miss the
     * TLB far less. Mapped memory reads as zero until written, so zeroed blocks cost nothing more (as calloc's).
     * The mapping is jheat's own rather than posix_memalign's: 2 MiB-aligned malloc blocks next to malloc's 4 KiB
     * pages streamed 2-4x slower here, own mappings do not (triad 19.5-20.1 GB/s either way).
     */
    private static long hugeAlloc(long n) throws Throwable {
        long len = hugeLength(n);
        long raw = ((MemorySegment) Mapping.MMAP.invokeExact(MemorySegment.NULL, len + HUGE_PAGE, PROT_READ_WRITE,
                MAP_PRIVATE_ANONYMOUS, -1, 0L)).address();
        if (raw == -1L) return 0;
        long addr = (raw + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        if (addr > raw) unmap(raw, addr - raw);
        long tail = raw + len + HUGE_PAGE - (addr + len);
        if (tail > 0) unmap(addr + len, tail);
        if (Mapping.MADVISE != null) {
            int ignored = (int) Mapping.MADVISE.invokeExact(MemorySegment.ofAddress(addr), len, MADV_HUGEPAGE);
        }
        return addr;
    }

    private static void unmap(long address, long length) throws Throwable {
        int rc = (int) Mapping.MUNMAP.invokeExact(MemorySegment.ofAddress(address), length);
        if (rc != 0) throw new AssertionError("munmap(" + address + ", " + length + ") failed");
    }

    private static void collect() {
        synchronized (GC_LOCK) {
            if (SINCE_GC.get() <= gcTrigger) return;
            gcAndAwaitCleaners(10);
            SINCE_GC.set(0);
            // amortise: a program that legitimately holds much memory must not collect on every allocation
            gcTrigger = Math.max(baseTrigger, LIVE.get());
        }
    }

    /**
     * Large blocks from this size on may trigger {@link #reclaim}: 16 MiB of fresh pages cost tens of milliseconds of
     * page faults here, a collection of jheat's small heap a few.
     */
    private static volatile long eagerBase = 16L << 20;
    /**
     * Bytes that must have been allocated since the last collection before the next {@link #reclaim}, beyond the block
     * itself: 0 while collections find garbage, doubled by every one that finds none (a program building up live
     * data), so such a program collects at geometrically spaced volumes. A volume, not a block size, so that it can
     * never shut reclaiming off for good: allocation always reaches it again.
     */
    private static volatile long eagerVolume = 0;
    /** {@link #eagerVolume}, or 0 once some collection (any, e.g. the trigger's) has cleaned a block since the last reclaim. */
    private static long eagerVolumeNow() {
        long v = eagerVolume;
        return v == 0 || CLEANED.get() != cleanedAtReclaim ? 0 : v;
    }

    /** {@link #CLEANED} when the last {@link #reclaim} began (-1: none yet). */
    private static volatile long cleanedAtReclaim = -1;
    /** Reclaims in a row that found no garbage at all. */
    private static int fruitless;

    /**
     * A collection before a large allocation that the cache cannot serve, when at least as many bytes were allocated
     * since the last collection: fresh memory costs a page fault per 4 KiB page on first touch (~10 µs each on
     * virtual machines, 2 s for 800 MB), a collection of jheat's small Java heap a few milliseconds, and in a user's
     * loop ({@code z = x*3 + y}) the previous iterations' dead results are exactly the blocks it needs. The cleaners
     * run on their own thread, so a block may come back only after this allocation; it then serves the next one.
     * Adaptive: when no block at all was cleaned since the previous such collection, the allocation volume the next
     * one waits for doubles ({@link #eagerVolume}); any cleaned block resets it. Returns whether the live bytes fell
     * within the short wait. The wait is 7 ms at most: dead blocks came back 0-2 ms after the collection in every
     * probe, and a collection that finds none (the first large result of a program) used to wait 47 ms for nothing.
     */
    private static boolean reclaim(long n) {
        synchronized (GC_LOCK) {
            long cleaned = CLEANED.get();
            if (cleanedAtReclaim >= 0 && cleaned == cleanedAtReclaim) {
                // one fruitless collection is normal in a loop (the second temporary of an iteration finds only the
                // first one, still in use); two in a row mean live data is building up
                if (++fruitless >= 2) eagerVolume = Math.min(Math.max(2 * eagerVolume, 2 * n), 1L << 50);
            } else {
                fruitless = 0;
                eagerVolume = 0;
            }
            cleanedAtReclaim = cleaned;
            boolean freed = gcAndAwaitCleaners(3);
            SINCE_GC.set(0);
            return freed;
        }
    }

    /**
     * Runs a collection and waits a bounded moment (at most {@code tries} short sleeps) for the cleaners, which run on
     * their own thread, to release the first block; bounded because garbage already freed explicitly leaves nothing to
     * wait for. Returns whether the live bytes fell.
     */
    private static boolean gcAndAwaitCleaners(int tries) {
        long before = LIVE.get();
        System.gc();
        for (int i = 0; i < tries; i++) {
            if (LIVE.get() < before) return true;
            try {
                Thread.sleep(1L << Math.min(i, 3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return LIVE.get() < before;
    }

    private static long defaultTrigger() {
        String env = System.getenv("JHEAT_GC_TRIGGER_BYTES");
        if (env != null && !env.isBlank()) return Long.parseLong(env.trim());
        return Math.max(64L << 20, memoryPerProcess() / 8);
    }

    /**
     * This node's physical memory divided by the processes of the job on it (8 GiB in all when unknown): the share
     * that default limits (GC trigger, exchange buffer budget) are fractions of.
     * <pre>{@code long share = Storage.memoryPerProcess(); }</pre>
     */
    public static long memoryPerProcess() {
        return NodeMemory.BYTES / Math.max(1, Parallel.localProcesses());
    }

    /** Read once, on first use (a holder, so that Storage's own static initialisers may already ask for it). */
    private static final class NodeMemory {
        static final long BYTES = nodeMemory();
    }

    /**
     * The node's memory as a container sees it: /proc/meminfo's MemTotal, capped by a cgroup v2 or v1 memory limit;
     * the JDK's OperatingSystemMXBean (the same answer) where those files do not exist. Read directly because
     * starting the management beans took 40-100 ms of a program's first allocation.
     */
    private static long nodeMemory() {
        long total = -1;
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.substring(9).replace("kB", "").trim()) * 1024;
                    break;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            total = -1;
        }
        if (total <= 0) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getTotalMemorySize();
            return 8L << 30;
        }
        for (String f : new String[] {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
            try {
                String v = java.nio.file.Files.readString(java.nio.file.Path.of(f)).trim();
                if (!v.isEmpty() && Character.isDigit(v.charAt(0))) total = Math.min(total, Long.parseLong(v));   // "max": no limit
            } catch (java.io.IOException | RuntimeException e) {
                // no such controller here
            }
        }
        return total;
    }

    /** The whole block. <pre>{@code MemorySegment seg = storage.segment(); }</pre> */
    @Override
    public MemorySegment segment() { return segment; }

    /** Size in bytes. */
    public long byteSize() { return segment.byteSize(); }

    /**
     * Frees the block now. Only for memory whose every view is known to be dead (an op's temporaries);
     * touching it afterwards is undefined. Idempotent.
     * <pre>{@code tmp.storage().free(); }</pre>
     */
    @Override
    public void free() {
        if (releaser == null || releaser.done().get()) return;   // a small block goes back with its slab
        releaser.run();
        // memory released explicitly is not garbage the collector must find
        SINCE_GC.accumulateAndGet(blockBytes, (cur, b) -> Math.max(0, cur - b));
    }

    /**
     * What to do when an off-heap allocation fails even after a collection, before {@link OutOfMemoryError} is
     * thrown: under MPI the communication layer ends the whole job (the other processes would otherwise wait for
     * this one forever), naming the rank and the sizes.
     */
    @FunctionalInterface
    public interface AllocationFailure {
        /** {@code asked}: bytes requested; {@code live}: bytes allocated by jheat now; {@code cached}: freed blocks kept. */
        void failed(long asked, long live, long cached);
    }

    private static volatile AllocationFailure onFailure;

    /**
     * Installs the allocation-failure handler (null: none, the failing allocation just throws).
     * <pre>{@code Storage.onAllocationFailure((asked, live, cached) -> comm.abort(1)); }</pre>
     */
    public static void onAllocationFailure(AllocationFailure handler) {
        onFailure = handler;
    }

    /** Bytes held in the cache of freed blocks (not counted in {@link #liveBytes()}). */
    public static long cachedBytes() { return Cache.bytes(); }

    /** Returns every cached free block to the system (like torch's {@code empty_cache}). */
    public static void emptyCache() { Cache.clear(); }

    /** Off-heap bytes currently allocated by jheat in this process. <pre>{@code long b = Storage.liveBytes(); }</pre> */
    public static long liveBytes() { return LIVE.get(); }

    /**
     * Bytes obtained from the system so far (not served by the freed-block cache): new memory, which costs a page
     * fault per page on first touch. <pre>{@code long before = Storage.freshBytes(); … ; long fresh = Storage.freshBytes() - before; }</pre>
     */
    public static long freshBytes() { return FRESH.get(); }

    /** For tests: the block size from which an allocation the cache cannot serve may first collect (default 16 MiB). */
    static void setEagerReclaimBytes(long bytes) {
        eagerBase = bytes;
        eagerVolume = 0;
        fruitless = 0;
    }

    /** The highest {@link #liveBytes()} seen so far. */
    public static long peakBytes() { return PEAK.get(); }

    /** Resets {@link #peakBytes()} to the current live bytes (for measuring one phase). */
    public static void resetPeak() { PEAK.set(LIVE.get()); }

    /** Allocation volume after which a collection is requested (env JHEAT_GC_TRIGGER_BYTES overrides). */
    public static long gcTriggerBytes() { return baseTrigger; }

    /** Sets the trigger (e.g. small in a test). <pre>{@code Storage.setGcTriggerBytes(64 << 20); }</pre> */
    public static void setGcTriggerBytes(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("trigger must be > 0 bytes, got " + bytes);
        baseTrigger = bytes;
        gcTrigger = bytes;
    }
}
