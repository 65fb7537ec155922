/**
 * The one JSON form in which actions, answers and errors cross a boundary: the testkit's
 * recordings, the durable journal and workflow payloads all use {@link dev.pureflow.interpreters.codec.JsonCodec}.
 */
package dev.pureflow.interpreters.codec;
