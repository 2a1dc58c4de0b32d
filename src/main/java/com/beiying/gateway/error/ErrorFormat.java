package com.beiying.gateway.error;

/** The dialect an operator receives errors in (docs/api.md). */
public enum ErrorFormat {
    /** {@code {"Code":..,"Message":..,"ErrorId":..,"ErrorCode":..,"RequestId":..}}. */
    BEIYING,
    /** {@code {"error":1,"error_id":..,"error_code":..,"error_message":..}}, nested for field validation. */
    RGS
}
