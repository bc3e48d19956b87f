/**
 * The small runtime that generated derivative code calls: primitive tapes and reusable buffers.
 * Users do not need to call it.
 */
package dev.chainrule.runtime;
