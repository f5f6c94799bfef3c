package dev.attentionlab.engine.tensor;

/**
 * The inner loop of {@link Matrix#times}: rows {@code [from, to)} of {@code out = a · b}. Every kernel
 * sums each element over k in ascending order with a separate multiply and add (never a fused
 * multiply-add), so all of them give the same bits as the textbook loop: the fast one can be checked
 * against the plain one, and the trace's numbers do not depend on which ran.
 */
interface MatMulKernel {
    /**
     * @param a     row-major [rows × inner]
     * @param b     row-major [inner × n]
     * @param out   row-major [rows × n], zero where it is written
     */
    void multiply(float[] a, int inner, Matrix b, float[] out, int from, int to);

    /** Columns [from, to) of one result row; {@code out} holds zeros there. The same sums as {@link #multiply}. */
    void multiplyRowColumns(float[] a, int inner, Matrix b, float[] out, int row, int from, int to);

    /** How the README and bench name it. */
    String name();

    /** The vector kernel where the JVM was started with {@code --add-modules jdk.incubator.vector}, else the scalar one. */
    static MatMulKernel best() {
        if (!"scalar".equals(System.getProperty("attentionlab.kernel"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                // Loaded by name: where the module is absent, the class that uses it must never be linked.
                return (MatMulKernel) Class.forName("dev.attentionlab.engine.tensor.VectorKernel").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernel();
            }
        }
        return new ScalarKernel();
    }
}
