/**
 * Property-based testing of flows: fault plans as data ({@link dev.pureflow.testkit.FaultPlan}),
 * completion schedules for parallel blocks ({@link dev.pureflow.testkit.Schedule}), traces of runs
 * with AssertJ assertions ({@link dev.pureflow.testkit.Trace}), record and replay of runs as JSON lines
 * ({@link dev.pureflow.testkit.RunRecording}), and model-based checks ({@link dev.pureflow.testkit.ModelCheck}).
 */
package dev.pureflow.testkit;
