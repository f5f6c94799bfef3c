package dev.attentionlab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The guided tour's strip under the sentence: which step, what to notice, Back / Next / End tour. */
final class TourBar extends HBox {
    final Label heading = new Label();
    final Label notice = new Label();
    final Button back = new Button("‹ Back");
    final Button next = new Button("Next ›");
    final Button end = new Button("End tour");

    TourBar(TourViewModel tour) {
        setId("tourBar");
        getStyleClass().add("tour-bar");
        setSpacing(12);
        setPadding(new Insets(8, 12, 8, 12));
        setAlignment(Pos.CENTER_LEFT);
        heading.setId("tourHeading");
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(tour.headingProperty());
        notice.setId("tourNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(tour.noticeProperty());
        VBox words = new VBox(2, heading, notice);
        HBox.setHgrow(words, Priority.ALWAYS);
        back.setId("tourBack");
        next.setId("tourNext");
        end.setId("tourEnd");
        back.disableProperty().bind(tour.indexProperty().isEqualTo(0));
        tour.headingProperty().addListener(o -> next.setText(tour.isLast() ? "Finish" : "Next ›"));
        back.setOnAction(e -> tour.back());
        next.setOnAction(e -> tour.next());
        end.setOnAction(e -> tour.end());
        next.setDefaultButton(false);
        for (Button b : new Button[] {back, next, end}) b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        words.setMinWidth(0);
        getChildren().addAll(words, back, next, end);
        visibleProperty().bind(tour.runningProperty());
        managedProperty().bind(visibleProperty());
    }
}
