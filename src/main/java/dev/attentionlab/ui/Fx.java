package dev.attentionlab.ui;

import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/** Small builders for the controls the views share. */
final class Fx {
    private Fx() {}

    /** A choice box over {@code values}, bound both ways to {@code property}, showing {@code label}. */
    static <T> ChoiceBox<T> choice(String id, T[] values, Property<T> property, Function<T, String> label) {
        ChoiceBox<T> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setConverter(converter(label));
        box.valueProperty().bindBidirectional(property);
        return box;
    }

    /** A display-only converter for choice boxes: values are picked, never typed. */
    static <T> StringConverter<T> converter(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** An editable integer spinner bound both ways to an integer property. */
    static Spinner<Integer> intSpinner(String id, int min, int max, javafx.beans.property.IntegerProperty property) {
        Spinner<Integer> s = new Spinner<>();
        s.setId(id);
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get());
        s.setValueFactory(f);
        s.setEditable(true);
        s.setPrefWidth(96);
        f.valueProperty().addListener((o, a, b) -> {
            if (b != null) property.set(b);
        });
        property.addListener((o, a, b) -> f.setValue(b.intValue()));
        commitOnType(s);
        return s;
    }

    /** A long spinner (seeds), bound both ways. */
    static Spinner<Long> longSpinner(String id, javafx.beans.property.LongProperty property) {
        Spinner<Long> s = new Spinner<>();
        s.setId(id);
        SpinnerValueFactory<Long> f = new SpinnerValueFactory<>() {
            @Override
            public void decrement(int steps) {
                setValue(getValue() - steps);
            }

            @Override
            public void increment(int steps) {
                setValue(getValue() + steps);
            }
        };
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Long fromString(String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    return property.get();
                }
            }
        });
        f.setValue(property.get());
        s.setValueFactory(f);
        s.setEditable(true);
        s.setPrefWidth(110);
        f.valueProperty().addListener((o, a, b) -> {
            if (b != null) property.set(b);
        });
        property.addListener((o, a, b) -> f.setValue(b.longValue()));
        commitOnType(s);
        return s;
    }

    /** Typed values count as soon as they parse, not only on Enter. */
    private static <T> void commitOnType(Spinner<T> s) {
        s.getEditor().textProperty().addListener((o, a, b) -> {
            try {
                T v = s.getValueFactory().getConverter().fromString(b);
                if (v != null && !v.equals(s.getValue())) s.getValueFactory().setValue(v);
            } catch (RuntimeException ignored) {
                // Half-typed input ("-", "") is not a number yet; the last value stays.
            }
        });
    }

    /** Whether the node and all its ancestors are visible (an unselected tab's content is not). */
    static boolean treeVisible(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return n.getScene() != null;
    }

    static Label label(String text, String tip) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (tip != null) l.setTooltip(new Tooltip(tip));
        return l;
    }
}
