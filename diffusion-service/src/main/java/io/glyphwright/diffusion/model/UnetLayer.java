package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * Base of the UNet's blocks: every block knows its shapes from its configuration, so children are
 * initialised without shape inference, and every parameter carries its own {@link
 * SeededInitializer}.
 */
public abstract class UnetLayer extends AbstractBlock {
  UnetLayer() {
    super((byte) 1);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }
}
