/**
 * The distributed array (DNDarray), its distribution (counts, displacements, local-shape maps), the generic data-movement engine (resplit, redistribute, balance), factories, argument sanitation and printing.
 */
package org.jheat.core;
