package dev.attentionlab.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.attentionlab.render.Palette;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The whole window: menus, input bar, settings, the views in tabs, the explain panel and the status bar. */
public final class MainWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    final SessionViewModel vm;
    final DisplaySettings display;
    final Stage stage;
    final Scene scene;
    final TabPane tabs = new TabPane();
    final Tab pipelineTab;
    final Tab headsTab;
    final Tab compareTab;
    final Tab maskTab;
    final Tab samplingTab;
    final Tab trainTab;
    final TrainViewModel train;
    TrainView trainView;
    // Built when their tab is first shown: styling views nobody looks at was most of start-up.
    HeadsView heads;
    SamplingView sampling;
    ScaleCompareView compare;
    MaskEditorView maskEditor;
    final javafx.beans.property.BooleanProperty showSettings = new javafx.beans.property.SimpleBooleanProperty(true);
    final javafx.beans.property.BooleanProperty showExplain = new javafx.beans.property.SimpleBooleanProperty(true);
    final SplitPane split;
    TourViewModel tour;
    /** The export dialog's choices at its last Export, for this window's session. */
    ExportDialog.Choices lastExport;
    /** The panels' dividers with all three shown, as the user last left them. */
    private double[] dividers = {0.21, 0.77};
    /** Below this window width the cell-arithmetic panel steps aside on its own. */
    static final double NARROW_BELOW = 1100;
    private boolean narrow;
    private boolean explainBeforeNarrow = true;
    /** Which side panels were shown when classroom mode began. */
    private boolean[] beforeClassroom;
    final FileActions files;

    public MainWindow(SessionViewModel vm, DisplaySettings display, Stage stage) {
        this.vm = vm;
        this.display = display;
        this.stage = stage;
        files = new FileActions(this);
        pipelineTab = tab("Pipeline", "tabPipeline", new PipelineView(vm, display));
        headsTab = tab("Heads", "tabHeads", null);
        compareTab = tab("Scaled vs unscaled", "tabCompare", null);
        maskTab = tab("Mask editor", "tabMask", null);
        samplingTab = tab("Sampling", "tabSampling", null);
        trainTab = tab("Train", "tabTrain", null);
        train = new TrainViewModel(vm, TrainViewModel.trainingThread(), javafx.application.Platform::runLater);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, t) -> buildContent(t));
        tabs.setId("views");
        tabs.getTabs().addAll(pipelineTab, headsTab, compareTab, maskTab, samplingTab, trainTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener(o ->
                javafx.application.Platform.runLater(() -> display.shown.set(display.shown.get() + 1)));
        // A lesson names the view it is about; the tab shown is what a saved lesson names.
        List<Tab> byView = List.of(pipelineTab, headsTab, compareTab, maskTab, samplingTab, trainTab);
        vm.selection.view.addListener((o, was, now) -> {
            int i = dev.attentionlab.io.Lesson.VIEWS.indexOf(now);
            if (i >= 0) tabs.getSelectionModel().select(byView.get(i));
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            int i = byView.indexOf(now);
            if (i >= 0) vm.selection.view.set(dev.attentionlab.io.Lesson.VIEWS.get(i));
        });

        ScrollPane settings = new ScrollPane(new SettingsPanel(vm));
        settings.setFitToWidth(true);
        settings.setMinWidth(240);
        ScrollPane explain = new ScrollPane(new ExplainPanel(vm));
        explain.setFitToWidth(true);
        explain.setMinWidth(240);
        split = new SplitPane(settings, tabs, explain);
        split.setId("panels");
        split.setDividerPositions(0.21, 0.77);
        SplitPane.setResizableWithParent(settings, false);
        SplitPane.setResizableWithParent(explain, false);
        // In front of a class the matrices matter most: both side panels step aside (View menu, F9 for
        // the arithmetic), and leaving classroom mode puts them back exactly as they were.
        showSettings.addListener(o -> layPanels(settings, explain));
        showExplain.addListener(o -> layPanels(settings, explain));
        display.classroom.addListener((o, was, on) -> {
            if (on) {
                beforeClassroom = new boolean[] {showSettings.get(), showExplain.get()};
                showSettings.set(false);
                showExplain.set(false);
            } else if (beforeClassroom != null) {
                showSettings.set(beforeClassroom[0]);
                showExplain.set(beforeClassroom[1]);
            }
        });
        // A small screen (1024×768) sets the arithmetic aside too, until the window is wide again.
        stage.widthProperty().addListener((o, was, now) -> {
            boolean narrowNow = now.doubleValue() < NARROW_BELOW;
            if (narrowNow == narrow) return;
            narrow = narrowNow;
            if (narrow) {
                explainBeforeNarrow = showExplain.get();
                showExplain.set(false);
            } else if (!display.classroom.get()) {
                showExplain.set(explainBeforeNarrow);
            }
        });
        // Clicking a cell asks for its arithmetic: the panel comes back if it was set aside.
        vm.selection.selectedCell.addListener((o, was, now) -> {
            if (now != null && was == null && (display.classroom.get() || narrow)) showExplain.set(true);
        });

        BorderPane root = new BorderPane();
        root.setId("root");
        root.getStyleClass().add("attentionlab");
        tour = new TourViewModel(vm, () -> tabs.getSelectionModel().select(pipelineTab));
        root.setTop(new VBox(menus(), new InputBar(vm), new LessonBanner(vm, files), new TourBar(tour)));
        root.setCenter(split);
        root.setBottom(new StatusBar(vm));
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainWindow.class.getResource("attentionlab.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        // Swapping the theme restyles every node: only the contrast switch needs it; zoom is a root style.
        display.zoom.addListener(o -> applyRootStyle());
        display.classroom.addListener(o -> applyRootStyle());
        display.highContrast.addListener(o -> {
            applyStylesheet();
            applyRootStyle();
        });
        display.classroom.addListener((o, a, on) -> stage.setFullScreen(on || stage.isFullScreen() && on));
        applyStylesheet();
        applyRootStyle();
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(this::title, vm.lesson.file, vm.lesson.title, vm.lesson.dirty));
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard()) e.consume();
        });
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
    }

    /** Shows the side panels that are switched on, each at the width it had last. */
    private void layPanels(javafx.scene.Node settings, javafx.scene.Node explain) {
        if (split.getItems().size() == 3) dividers = split.getDividerPositions();
        List<javafx.scene.Node> items = new java.util.ArrayList<>();
        if (showSettings.get()) items.add(settings);
        items.add(tabs);
        if (showExplain.get()) items.add(explain);
        split.getItems().setAll(items);
        double[] at = items.size() == 3 ? dividers.clone()
                : showSettings.get() ? new double[] {dividers[0]}
                : showExplain.get() ? new double[] {dividers[1] - dividers[0] / 2} : new double[0];
        split.setDividerPositions(at);
        // The split pane's first layout with new items moves its dividers to fit the panels' old
        // widths; setting them again right after that layout keeps exactly the positions the user had.
        if (split.getScene() != null) {
            var scene = split.getScene();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                split.setDividerPositions(at);
            };
            scene.addPostLayoutPulseListener(once[0]);
        }
    }

    /** Creates a tab's view the first time it is selected. */
    private void buildContent(Tab t) {
        if (t == null || t.getContent() != null) return;
        if (t == headsTab) t.setContent(heads = new HeadsView(vm, display));
        else if (t == compareTab) t.setContent(compare = new ScaleCompareView(vm, display));
        else if (t == maskTab) t.setContent(maskEditor = new MaskEditorView(vm, display));
        else if (t == samplingTab) t.setContent(sampling = new SamplingView(vm, display));
        else if (t == trainTab) t.setContent(trainView = new TrainView(train, vm, display, files));
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    /** "AttentionLab — Causal masking (causal.json) •": the dot marks unsaved changes. */
    String title() {
        String name = !vm.lesson.title.get().isBlank() ? vm.lesson.title.get()
                : vm.lesson.file.get() != null ? vm.lesson.file.get().getFileName().toString() : "untitled lesson";
        String file = vm.lesson.file.get() != null && !vm.lesson.title.get().isBlank() ? " (" + vm.lesson.file.get().getFileName() + ")" : "";
        return "AttentionLab — " + name + file + (vm.lesson.dirty.get() ? " •" : "");
    }

    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (keys != null) m.setAccelerator(KeyCombination.keyCombination(keys));
        m.setOnAction(e -> action.run());
        return m;
    }

    /** "Undo mask edit": the verb and what it would take back or do again; disabled when there is nothing. */
    private static MenuItem historyItem(String verb, String keys, Runnable action, javafx.beans.value.ObservableStringValue what) {
        MenuItem m = item(verb, keys, action);
        m.setId(verb.toLowerCase(Locale.ROOT));
        m.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> what.get().isEmpty() ? verb : verb + " " + what.get(), what));
        m.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> what.get().isEmpty(), what));
        return m;
    }

    private MenuBar menus() {
        MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        MenuItem clearWeights = item("Forget imported weights", null, vm::clearImportedWeights);
        Menu file = new Menu("File", null,
                item("New", "Shortcut+N", files::newLesson),
                item("Open…", "Shortcut+O", files::open),
                files.recentMenu(),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Save", "Shortcut+S", files::save),
                item("Save as…", "Shortcut+Alt+S", files::saveAs),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Import PyTorch weights…", "Shortcut+I", files::importWeights),
                clearWeights,
                new javafx.scene.control.SeparatorMenuItem(),
                item("Export…", "Shortcut+E", files::export),
                item("Save view as PNG…", "Shortcut+Shift+S", files::saveViewAsPng),
                new javafx.scene.control.SeparatorMenuItem(),
                quit);
        file.setOnShowing(e -> clearWeights.setDisable(!vm.hasImportedWeights()));

        Menu edit = new Menu("Edit", null, historyItem("Undo", "Shortcut+Z", vm::undo, vm.undoLabelProperty()),
                historyItem("Redo", "Shortcut+Shift+Z", vm::redo, vm.redoLabelProperty()));

        Menu lessons = new Menu("Lessons");
        for (String name : dev.attentionlab.io.BundledLessons.FILES) {
            String label = name.replaceFirst("^\\d+-", "").replace(".json", "").replace('-', ' ');
            lessons.getItems().add(item(Character.toUpperCase(label.charAt(0)) + label.substring(1), null, () -> files.openBundled(name)));
        }
        lessons.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), item("Title and notes…", null, files::editInfo));

        Menu presets = new Menu("Preset");
        for (var p : dev.attentionlab.engine.trace.Preset.values()) {
            MenuItem item = new MenuItem(p.label());
            item.setOnAction(e -> vm.applyPreset(p));
            presets.getItems().add(item);
        }
        Menu model = new Menu("Model", null, presets, new javafx.scene.control.SeparatorMenuItem(),
                item("Train on my text…", null, () -> {
                    tabs.getSelectionModel().select(trainTab);
                    files.chooseCorpus(train);
                }),
                item("Open trained model…", null, () -> files.openModel(train)),
                item("Get GPT-2 (download)…", null, files::getGpt2),
                item("Open GPT-2 checkpoint folder…", null, files::openCheckpointFolder),
                item("Open GPT-2 .safetensors file…", null, files::openCheckpointFile),
                item("Save trained model…", null, () -> files.saveModel(train)),
                item("Use seeded weights", null, train::useSeededWeights));

        CheckMenuItem classroom = new CheckMenuItem("Classroom mode");
        classroom.setId("classroomMode");
        classroom.selectedProperty().bindBidirectional(display.classroom);
        CheckMenuItem contrast = new CheckMenuItem("High contrast");
        contrast.selectedProperty().bindBidirectional(display.highContrast);
        CheckMenuItem full = new CheckMenuItem("Full screen");
        full.setAccelerator(KeyCombination.keyCombination("F11"));
        full.setOnAction(e -> stage.setFullScreen(!stage.isFullScreen()));
        // A check mark that follows the window, whichever way it entered or left full screen (F11, Esc).
        stage.fullScreenProperty().addListener((o, was, on) -> full.setSelected(on));
        MenuItem zoomIn = new MenuItem("Zoom in");
        zoomIn.setAccelerator(KeyCombination.keyCombination("Shortcut+Plus"));
        zoomIn.setOnAction(e -> display.zoomIn());
        MenuItem zoomOut = new MenuItem("Zoom out");
        zoomOut.setAccelerator(KeyCombination.keyCombination("Shortcut+Minus"));
        zoomOut.setOnAction(e -> display.zoomOut());
        MenuItem zoomReset = new MenuItem("Actual size");
        zoomReset.setAccelerator(KeyCombination.keyCombination("Shortcut+0"));
        zoomReset.setOnAction(e -> display.zoomReset());
        Menu palette = new Menu("Palette");
        ToggleGroup group = new ToggleGroup();
        for (Palette p : Palette.values()) {
            RadioMenuItem item = new RadioMenuItem(p.label());
            item.setToggleGroup(group);
            item.setSelected(display.palette.get() == p);
            item.setOnAction(e -> display.palette.set(p));
            display.palette.addListener((o, a, b) -> item.setSelected(b == p));
            palette.getItems().add(item);
        }
        CheckMenuItem settingsPanel = new CheckMenuItem("Settings panel");
        settingsPanel.selectedProperty().bindBidirectional(showSettings);
        CheckMenuItem explainPanel = new CheckMenuItem("Cell arithmetic panel");
        explainPanel.setAccelerator(KeyCombination.keyCombination("F9"));
        explainPanel.selectedProperty().bindBidirectional(showExplain);
        Menu view = new Menu("View", null, classroom, contrast, full, settingsPanel, explainPanel, new javafx.scene.control.SeparatorMenuItem(),
                zoomIn, zoomOut, zoomReset, new javafx.scene.control.SeparatorMenuItem(), palette);

        MenuItem views = new MenuItem("What each view shows");
        views.setAccelerator(KeyCombination.keyCombination("F1"));
        views.setOnAction(e -> HelpDialogs.views(stage));
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> HelpDialogs.keys(stage));
        MenuItem about = new MenuItem("About AttentionLab");
        about.setOnAction(e -> HelpDialogs.about(stage));
        MenuItem guided = new MenuItem("Guided tour");
        guided.setOnAction(e -> tour.start());
        Menu help = new Menu("Help", null, guided, views, keys, about);
        MenuBar bar = new MenuBar(file, edit, lessons, model, view, help);
        bar.setId("menuBar");
        return bar;
    }

    private void keys(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() && (k == KeyCode.Z || k == KeyCode.Y)) {
            // Before the text fields see it: their own undo knows only their text, this one every edit,
            // the sentence's included, in the order they were made.
            if (k == KeyCode.Y || e.isShiftDown()) vm.redo();
            else vm.undo();
            e.consume();
        } else if (k == KeyCode.PAGE_DOWN) {
            vm.selection.nextStep();
            e.consume();
        } else if (k == KeyCode.PAGE_UP) {
            vm.selection.previousStep();
            e.consume();
        } else if (k == KeyCode.F11) {
            stage.setFullScreen(!stage.isFullScreen());
            e.consume();
        } else if (e.isShortcutDown() && (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD)) {
            display.zoomIn();
            e.consume();
        } else if (e.isShortcutDown() && (k == KeyCode.MINUS || k == KeyCode.SUBTRACT)) {
            display.zoomOut();
            e.consume();
        } else if (e.isShortcutDown() && (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0)) {
            display.zoomReset();
            e.consume();
        } else if (!editing() && (k == KeyCode.LEFT || k == KeyCode.RIGHT || k == KeyCode.HOME || k == KeyCode.END)) {
            switch (k) {
                case LEFT -> vm.selection.previousStep();
                case RIGHT -> vm.selection.nextStep();
                case HOME -> vm.selection.firstStep();
                default -> vm.selection.lastStep();
            }
            tabs.getSelectionModel().select(pipelineTab);
            e.consume();
        }
    }

    /** Arrow keys belong to text fields, sliders, spinners and a focused matrix. */
    private boolean editing() {
        var f = scene.getFocusOwner();
        return f instanceof TextInputControl || f instanceof Slider || f instanceof Spinner || f instanceof MatrixView
                || f instanceof javafx.scene.control.TableView;
    }

    private void applyStylesheet() {
        Application.setUserAgentStylesheet(display.highContrast.get()
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private void applyRootStyle() {
        var root = scene.getRoot();
        root.getStyleClass().removeAll("high-contrast", "classroom");
        if (display.highContrast.get()) root.getStyleClass().add("high-contrast");
        if (display.classroom.get()) root.getStyleClass().add("classroom");
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 13 * display.zoom.get()));
    }

    public void show() {
        stage.show();
    }

    /** The welcome that offers the tour; the app shows it on the first start only. */
    javafx.scene.control.Alert welcome() {
        return HelpDialogs.welcome(stage, tour::start);
    }
}
