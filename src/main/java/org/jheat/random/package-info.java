/**
 * Counter-based (Philox4x32-10) random arrays that are bit-identical for any number of processes and any split.
 */
package org.jheat.random;
