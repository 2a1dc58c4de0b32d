package com.beiying.gateway.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Creates the annotated bean only when the process runs the given role. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnRole.OnRole.class)
public @interface ConditionalOnRole {
    /** The role that must be enabled. */
    Role value();

    /** Evaluates {@link ConditionalOnRole}. */
    final class OnRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Role role = (Role) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
            return Role.parse(context.getEnvironment().getProperty("gateway.roles", "all")).contains(role);
        }
    }
}
