/** Reusable test utilities for the job: collecting sinks and raw-record builders. */
package io.alertscoring.job.testing;
