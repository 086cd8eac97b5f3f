package org.jheat.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.Tensor;

/**
 * Byte-level helpers shared by the formats: positional reads and writes of off-heap segments (so a slab goes
 * between the file and the tensor's memory without a Java heap copy), atomic creation of a new file under a
 * temporary name, and the rows of an array that this process writes.
 */
final class FileSlabs {
    private FileSlabs() { }

    /** ByteBuffers are int-indexed: move at most this many bytes per call. */
    private static final long CHUNK = 1L << 30;

    /** Reads exactly {@code dst.byteSize()} bytes at {@code position}; fails naming the file when it ends early. */
    static void readFully(FileChannel ch, long position, MemorySegment dst, Path file) throws IOException {
        long done = 0, n = dst.byteSize();
        while (done < n) {
            ByteBuffer b = dst.asSlice(done, Math.min(CHUNK, n - done)).asByteBuffer();
            while (b.hasRemaining()) {
                int r = ch.read(b, position + done + b.position());
                if (r < 0) {
                    throw new IOFailure(file + ": file is truncated (needed " + n + " bytes at offset " + position
                            + ", the file has " + ch.size() + " bytes)");
                }
            }
            done += b.capacity();
        }
    }

    /** Writes all of {@code src} at {@code position}. */
    static void writeFully(FileChannel ch, long position, MemorySegment src) throws IOException {
        long done = 0, n = src.byteSize();
        while (done < n) {
            ByteBuffer b = src.asSlice(done, Math.min(CHUNK, n - done)).asByteBuffer();
            while (b.hasRemaining()) done += ch.write(b, position + done);
        }
    }

    /** Reads a small byte range (headers, line boundaries) into a heap array; shorter at the end of the file. */
    static byte[] readBytes(FileChannel ch, long position, int length) throws IOException {
        long avail = Math.max(0, Math.min(length, ch.size() - position));
        ByteBuffer b = ByteBuffer.allocate((int) avail);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) break;
        }
        return b.array();
    }

    /** The file must exist and be a regular readable file; message names it. */
    static void checkReadable(Path p) {
        if (!Files.exists(p)) throw new IOFailure(p + ": no such file");
        if (Files.isDirectory(p)) throw new IOFailure(p + ": is a directory, expected a file");
        if (!Files.isReadable(p)) throw new IOFailure(p + ": permission denied (not readable)");
    }

    // ------------------------------------------------------------------------------------------- atomic create

    /**
     * A new file is written under {@code <name>.tmp-<random>} in the same directory and renamed when complete, so
     * the final name never shows a partial file. Collective: rank 0 picks the name, checks the directory and
     * creates the empty file; every rank gets the same path.
     */
    static Path createTemp(Path target, Communication comm) {
        String suffix = comm.bcast(comm.rank() == 0 ? Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) : null, 0);
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp-" + suffix);
        Collective.onRoot(comm, 0, () -> {
            Path dir = abs.getParent();
            if (dir == null || !Files.isDirectory(dir)) throw new IOFailure(target + ": cannot write, directory " + dir + " does not exist");
            if (Files.isDirectory(abs)) throw new IOFailure(target + ": cannot write, it is a directory");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            } catch (IOException e) {
                throw new IOFailure(target + ": cannot write (" + Collective.message(e) + ")", e);
            }
            return null;
        });
        return tmp;
    }

    /**
     * Makes the finished temporary file durable and gives it its final name (after everyone agreed the writes
     * succeeded): every process flushes the file to disk (on a parallel file system each node's cache holds its own
     * part), then rank 0 renames it and flushes the directory. A crash or SIGKILL at any point leaves either the old
     * file or the complete new one under the final name, never a partial one - also after a power loss, since the
     * data is on disk before the rename is.
     */
    static void commit(Path tmp, Path target, Communication comm) {
        Collective.agree(comm, () -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return null;
        });
        Collective.onRoot(comm, 0, () -> {
            try {
                Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new IOFailure(target + ": cannot rename the finished temporary file into place (" + Collective.message(e) + ")", e);
            }
            syncDirectory(target.toAbsolutePath().getParent());
            return null;
        });
    }

    /** fsync of a directory, so that a rename in it survives a crash (Linux allows it; elsewhere it is skipped). */
    static void syncDirectory(Path dir) {
        if (dir == null) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open or sync a directory; the file itself is on disk already
        }
    }

    /** Linux's renameat2, or null where the C library has none. */
    private static final MethodHandle RENAMEAT2 = java.lang.foreign.Linker.nativeLinker().defaultLookup().find("renameat2")
            .map(a -> java.lang.foreign.Linker.nativeLinker().downcallHandle(a, java.lang.foreign.FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT)))
            .orElse(null);
    private static final int AT_FDCWD = -100, RENAME_EXCHANGE = 2;

    /**
     * Swaps two existing paths atomically (Linux {@code renameat2(RENAME_EXCHANGE)}), so that a directory is
     * replaced without a moment in which its name is free. False where the system or file system cannot: the
     * caller then falls back to two renames.
     */
    static boolean exchange(Path a, Path b) {
        if (RENAMEAT2 == null) return false;
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) RENAMEAT2.invokeExact(AT_FDCWD, arena.allocateFrom(a.toAbsolutePath().toString()), AT_FDCWD,
                    arena.allocateFrom(b.toAbsolutePath().toString()), RENAME_EXCHANGE);
            return rc == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Removes the temporary file after a failure (rank 0; never throws). */
    static void discard(Path tmp, Communication comm) {
        comm.barrier();   // nobody still writes into it
        if (comm.rank() == 0) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the failure being reported matters more
            }
        }
    }

    /**
     * Writes a new file atomically: {@code body} gets the temporary path (collective); when it fails on any rank the
     * temporary file is removed and the agreed failure is thrown everywhere, else the file is renamed into place.
     */
    static void atomically(Path target, Communication comm, java.util.function.Consumer<Path> body) {
        Path tmp = createTemp(target, comm);
        try {
            body.accept(tmp);
        } catch (IOFailure e) {
            discard(tmp, comm);
            throw e;
        }
        commit(tmp, target, comm);
    }

    // ------------------------------------------------------------------------------------------- rows to write

    /** This process's rows along axis 0 for writing in C order, with the global index of the first one. */
    record Rows(Tensor local, long start) { }

    /**
     * The rows this process writes: its slab when split along 0, a balanced share of a replicated array, and for
     * another split axis the slab after one resplit to 0 (files in C order are laid out row by row). A 0-d array is
     * written by rank 0. Collective.
     */
    static Rows rows(DNDarray x) {
        Communication comm = x.comm();
        int p = comm.size(), r = comm.rank();
        if (x.ndim() == 0) {
            return new Rows(r == 0 ? x.larray().reshape(1) : Tensor.empty(x.dtype(), 0), r == 0 ? 0 : 1);
        }
        int s = x.splitAxis();
        if (s < 0) {
            long n = x.gshape()[0], start = Distribution.start(n, p, r);
            return new Rows(x.larray().narrow(0, start, Distribution.count(n, p, r)), start);
        }
        if (s != 0) x = x.resplit(0);
        return new Rows(x.larray(), x.distribution().displ(r));
    }
}
