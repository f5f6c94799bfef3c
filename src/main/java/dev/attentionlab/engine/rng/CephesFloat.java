package dev.attentionlab.engine.rng;

/**
 * The float32 Cephes approximations of {@code avx_mathfun.h} with the exact operation order and FMA
 * placement of torch 1.13's AVX2 build; {@code randn} bits depend on every one of them.
 */
final class CephesFloat {
    private CephesFloat() {}

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static final float SQRTHF = f(0x3F3504F3);
    private static final float[] P = {
        f(0x3D9021BB), f(0xBDEBD1B8), f(0x3DEF251A), f(0xBDFE5D4F), f(0x3E11E9BF),
        f(0xBE2AAE50), f(0x3E4CCEAC), f(0xBE7FFFFC), f(0x3EAAAAAA)
    };
    private static final float Q1 = f(0xB95E8083);
    private static final float Q2 = f(0x3F318000);

    /** log256(x) for x in (0, 1]. */
    static float log(float x) {
        x = Math.max(x, Float.MIN_NORMAL);
        int b = Float.floatToRawIntBits(x);
        float e = (float) ((b >>> 23) - 127) + 1.0f;
        x = Float.intBitsToFloat((b & 0x807FFFFF) | 0x3F000000);
        if (x < SQRTHF) {
            e = e - 1.0f;
            float t = x - 1.0f;
            x = t + x;
        } else {
            x = x - 1.0f;
        }
        float z = x * x;
        float y = P[0];
        for (int i = 1; i < P.length; i++) y = Math.fma(y, x, P[i]);
        y = y * x;
        y = Math.fma(y, z, e * Q1);
        y = y - z * 0.5f;
        x = x + y;
        x = x + e * Q2;
        return x;
    }

    private static final float FOPI = f(0x3FA2F983);
    private static final float DP1 = f(0xBF490000);
    private static final float DP2 = f(0xB97DA000);
    private static final float DP3 = f(0xB3222169);
    private static final float C0 = f(0x37CCF5CE);
    private static final float C1 = f(0xBAB6061A);
    private static final float C2 = f(0x3D2AAAA5);
    private static final float S0 = f(0xB94CA1F9);
    private static final float S1 = f(0x3C08839E);
    private static final float S2 = f(0xBE2AAAA3);

    /** sincos256: writes sin(x) to {@code out[0]} and cos(x) to {@code out[1]}. */
    static void sincos(float x, float[] out) {
        int signSin = Float.floatToRawIntBits(x) & 0x80000000;
        x = Math.abs(x);
        int j = (int) (x * FOPI);
        j = (j + 1) & ~1;
        float y = (float) j;
        int swapSin = (j & 4) << 29;
        boolean sinPolyForSin = (j & 2) == 0;
        x = Math.fma(y, DP1, x);
        x = Math.fma(y, DP2, x);
        x = Math.fma(y, DP3, x);
        int signCos = ((~(j - 2)) & 4) << 29;
        signSin ^= swapSin;
        float z = x * x;
        float yc = Math.fma(C0, z, C1);
        yc = Math.fma(yc, z, C2);
        yc = yc * z;
        yc = Math.fma(yc, z, -(z * 0.5f));
        yc = yc + 1.0f;
        float ys = Math.fma(S0, z, S1);
        ys = Math.fma(ys, z, S2);
        ys = ys * z;
        ys = Math.fma(ys, x, x);
        float s;
        float c;
        if (sinPolyForSin) {
            s = 0.0f + ys;
            c = yc + (ys - ys);
        } else {
            s = yc + 0.0f;
            c = (yc - yc) + ys;
        }
        out[0] = Float.intBitsToFloat(Float.floatToRawIntBits(s) ^ signSin);
        out[1] = Float.intBitsToFloat(Float.floatToRawIntBits(c) ^ signCos);
    }
}
