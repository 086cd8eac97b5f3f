package org.jheat.comm;

/**
 * The ranks of a communicator were about to make different collective calls (found by {@link CollectiveChecker}
 * with {@code JHEAT_CHECK=1}). Every rank throws it with the same message, listing what each rank called where;
 * nothing was sent, so the next collective works.
 * <pre>{@code try { x.sum(); } catch (CollectiveMismatchException e) { System.err.println(e.getMessage()); } }</pre>
 */
public class CollectiveMismatchException extends CommException {
    /** @param message what each rank called where */
    public CollectiveMismatchException(String message) { super(message); }
}
