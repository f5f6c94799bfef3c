package dev.attentionlab.engine.model;

/**
 * One transformer block: multi-head attention and an optional MLP, each with a residual sum and a
 * LayerNorm placed as {@code placement} says.
 *
 * @param norm1 the LayerNorm around attention (before it when pre-LN, after its sum when post-LN); null without
 * @param cross keys and values come from the source sentence (cross-attention), not from the block's input
 * @param norm2 the LayerNorm around the MLP; null without an MLP or a placement
 * @param mlp   null for an attention-only block
 */
public record Block(NormPlacement placement, Norm norm1, AttentionWeights attention, boolean cross, Norm norm2, Mlp mlp) {

    public Block {
        if (placement != NormPlacement.NONE && norm1 == null) throw new IllegalArgumentException(placement + "-LN block without its LayerNorm");
        if (mlp != null && placement == NormPlacement.NONE) throw new IllegalArgumentException("an MLP needs the block's residual sums");
        if (mlp != null && norm2 == null) throw new IllegalArgumentException("the MLP's LayerNorm is missing");
    }

    /** A block of attention alone, as the seeded presets and imported weights build it. */
    public static Block attentionOnly(AttentionWeights attention, boolean cross, boolean residualNorm) {
        return residualNorm
                ? new Block(NormPlacement.POST, Norm.unit(), attention, cross, null, null)
                : new Block(NormPlacement.NONE, null, attention, cross, null, null);
    }
}
