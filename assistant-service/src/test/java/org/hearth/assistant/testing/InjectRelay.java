package org.hearth.assistant.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hearth.nostr.testkit.ServiceProcess;

/** Marks a test field that receives the running {@link ServiceProcess}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectRelay {}
