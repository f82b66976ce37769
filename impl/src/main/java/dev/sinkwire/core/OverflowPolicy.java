/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

/**
 * What a bounded {@link Queue} does with a write that finds it full. Set with
 * {@link Queue.Builder#overflow(OverflowPolicy)}; only meaningful together with
 * {@link Queue.Builder#capacity(int)}.
 *
 * <p>Whatever the policy, an event is either accepted (the write returns normally; the event is
 * then delivered or handed to the {@link dev.sinkwire.DropListener}) or refused (the write throws,
 * and the writer still owns the event). No policy loses an event silently.
 *
 * <table>
 *   <caption>The policies at a glance</caption>
 *   <tr><th>policy</th><th>writer</th><th>new event</th><th>queued events</th></tr>
 *   <tr><td>{@link #BLOCK}</td><td>waits for room (at most {@code maxWait})</td>
 *       <td>accepted, or refused with {@link QueueFullException} after {@code maxWait}</td>
 *       <td>untouched</td></tr>
 *   <tr><td>{@link #REJECT}</td><td>returns at once</td>
 *       <td>accepted and reported at once as {@code OVERFLOW}</td><td>untouched</td></tr>
 *   <tr><td>{@link #DROP_OLDEST}</td><td>returns at once</td><td>accepted and queued</td>
 *       <td>the oldest is evicted and reported as {@code OVERFLOW}</td></tr>
 *   <tr><td>{@link #FAIL}</td><td>throws {@link QueueFullException} at once</td>
 *       <td>refused, not reported</td><td>untouched</td></tr>
 * </table>
 *
 * <p>An immutable enum: safe for concurrent use.
 */
public enum OverflowPolicy {

    /**
     * The writer waits until the consumer makes room, the queue is closed (then
     * {@link dev.sinkwire.SinkClosedException}), the writer is interrupted (then
     * {@link dev.sinkwire.SinkException}, with the interrupt flag restored), or the optional
     * maximum wait passes (then {@link QueueFullException}). In all three failure cases the event
     * is not accepted. Back-pressure: nothing is dropped, but producers slow down to the pace of
     * the destination.
     */
    BLOCK,

    /**
     * The new event is accepted and at once handed to the drop listener with reason
     * {@link dev.sinkwire.DropReason#OVERFLOW}; the write returns normally. Keeps the oldest
     * events, never blocks a producer.
     */
    REJECT,

    /**
     * The oldest queued event is evicted and handed to the drop listener with reason
     * {@link dev.sinkwire.DropReason#OVERFLOW}; the new event is queued and the write returns
     * normally. Keeps the newest events, never blocks a producer.
     */
    DROP_OLDEST,

    /**
     * The write throws {@link QueueFullException} at once; the event is neither accepted nor
     * reported, so the writer decides what to do with it. Never blocks a producer.
     */
    FAIL
}
