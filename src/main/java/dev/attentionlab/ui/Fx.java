package dev.attentionlab.ui;

import java.util.function.Function;
import dev.attentionlab.engine.trace.Setting;
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
        return choice(id, java.util.Arrays.asList(values), property, label);
    }

    static <T> ChoiceBox<T> choice(String id, java.util.Collection<T> values, Property<T> property, Function<T, String> label) {
        ChoiceBox<T> box = new ChoiceBox<>();
        box.setId(id);
        box.setConverter(converter(label));
        box.getItems().setAll(values);
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

    /** A setting's label, with its description as the tooltip. */
    static Label label(Setting<?> setting) {
        String d = setting.description();
        return label(setting.label(), Character.toUpperCase(d.charAt(0)) + d.substring(1));
    }

    /** An integer spinner over the values the setting accepts. */
    static Spinner<Integer> intSpinner(String id, Setting<Integer> setting, javafx.beans.property.IntegerProperty property) {
        Setting.Whole range = (Setting.Whole) setting.kind();
        return intSpinner(id, range.min(), range.max(), property);
    }

    /** A choice box over the values the setting offers, bound both ways. */
    static <T> ChoiceBox<T> choice(String id, Setting<T> setting, Property<T> property, Function<T, String> label) {
        return choice(id, ((Setting.Choice<T>) setting.kind()).values(), property, label);
    }

    /** An editable integer spinner bound both ways to an integer property. */
    static Spinner<Integer> intSpinner(String id, int min, int max, javafx.beans.property.IntegerProperty property) {
        return bound(id, new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get()), 96,
                property, Number::intValue);
    }

    /** A long spinner (seeds), bound both ways. */
    static Spinner<Long> longSpinner(String id, javafx.beans.property.LongProperty property) {
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
        return bound(id, f, 110, property, Number::longValue);
    }

    /** An editable spinner over {@code f}, kept equal to {@code property} both ways. */
    private static <T extends Number> Spinner<T> bound(String id, SpinnerValueFactory<T> f, double width,
                                                       javafx.beans.property.Property<Number> property,
                                                       java.util.function.Function<Number, T> convert) {
        Spinner<T> s = new Spinner<>();
        s.setId(id);
        s.setValueFactory(f);
        s.setEditable(true);
        s.setPrefWidth(width);
        f.valueProperty().addListener((o, a, b) -> {
            if (b != null) property.setValue(b);
        });
        property.addListener((o, a, b) -> f.setValue(convert.apply(b)));
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
        if (tip != null) {
            Tooltip t = new Tooltip(tip);
            t.setWrapText(true);
            t.setMaxWidth(420);
            l.setTooltip(t);
        }
        return l;
    }

    /**
     * A dialog in the app's look: it shares the window's stylesheet, whose colours are defined on the
     * "attentionlab" class (without it, every themed label logs an unresolved colour).
     */
    static <D extends javafx.scene.control.Dialog<?>> D themed(D d) {
        d.getDialogPane().getStyleClass().add("attentionlab");
        return d;
    }
}
