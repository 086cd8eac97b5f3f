/**
 * The bin/jheat command line: info, demo and benchmarks.
 */
package org.jheat.cli;
