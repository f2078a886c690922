package org.raftteller.ui.feed;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.raftteller.ui.Styles;

/** The event feed: newest first, with a filter by node and one by kind of news. */
public final class FeedView extends VBox {

    private final ListView<FeedItem> list = new ListView<>();
    private final ChoiceBox<Integer> nodeFilter = new ChoiceBox<>();
    private final ChoiceBox<FeedKind> kindFilter = new ChoiceBox<>();

    public FeedView(FeedModel model, List<Integer> ids) {
        setId("feed");
        getStyleClass().add(Styles.FEED);

        List<Integer> nodes = new ArrayList<>();
        nodes.add(0);
        nodes.addAll(ids);
        nodeFilter.setItems(FXCollections.observableArrayList(nodes));
        nodeFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null || n == 0 ? "All nodes" : "Node " + n;
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        nodeFilter.setId("feed-node-filter");
        nodeFilter.valueProperty().bindBidirectional(model.nodeFilterProperty());

        List<FeedKind> kinds = new ArrayList<>();
        kinds.add(null);
        kinds.addAll(List.of(FeedKind.values()));
        kindFilter.setItems(FXCollections.observableArrayList(kinds));
        kindFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(FeedKind k) {
                return k == null ? "All news" : k.label();
            }

            @Override
            public FeedKind fromString(String s) {
                return null;
            }
        });
        kindFilter.setId("feed-kind-filter");
        kindFilter.valueProperty().bindBidirectional(model.kindFilterProperty());

        HBox header = new HBox(nodeFilter, kindFilter);
        header.getStyleClass().add("feed-header");

        list.setId("feed-list");
        list.setItems(model.shown());
        list.setFocusTraversable(false);
        list.setCellFactory(v -> {
            FeedCell cell = new FeedCell();
            // Wrap long sentences instead of scrolling sideways.
            cell.prefWidthProperty().bind(list.widthProperty().subtract(40));
            cell.setMinWidth(0);
            cell.setWrapText(true);
            return cell;
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, list);
    }

    public ListView<FeedItem> list() {
        return list;
    }

    /** One line: the time, then the sentence, coloured by its kind. */
    private static final class FeedCell extends ListCell<FeedItem> {
        private FeedKind styled;

        @Override
        protected void updateItem(FeedItem item, boolean empty) {
            super.updateItem(item, empty);
            if (styled != null) {
                getStyleClass().remove(styled.styleClass());
                styled = null;
            }
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item.clock().substring(0, 8) + "  " + item.text());
            getStyleClass().add(item.kind().styleClass());
            styled = item.kind();
        }
    }
}
