package io.cxone.themes.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Clip;

import io.cxone.themes.accessibility.Rgb;

/** What a region of the page looks like on screen: its colours from a screenshot, most frequent first. */
final class Pixels {
    private Pixels() {
    }

    static List<Rgb> ranked(Page page, double x, double y, double width, double height) {
        byte[] png = page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setClip(new Clip(x, y, width, height)));
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int row = 0; row < image.getHeight(); row++) {
            for (int column = 0; column < image.getWidth(); column++) {
                counts.merge(image.getRGB(column, row) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<Integer, Integer>comparingByValue().reversed());
        return entries.stream().map(e -> new Rgb(e.getKey() >> 16 & 0xFF, e.getKey() >> 8 & 0xFF, e.getKey() & 0xFF))
                .toList();
    }
}
